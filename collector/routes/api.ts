/** The JSON API: boards, state, one tile with history, webhook nudges. */
import { Hono } from "hono";
import { tokenMatches } from "./write-guard.ts";
import type { StateAnswer, TileDetail } from "../contract.ts";
import type { Runtime } from "../runtime.ts";
import { connectionDefinition } from "../connections/lib/client.ts";
import { webhookSecret } from "../connections/define.ts";
import { deployMarkers } from "../deploys/compare.ts";

const MAX_WEBHOOK_BYTES = 1024 * 1024;

export function apiRoutes(rt: () => Runtime): Hono {
  const app = new Hono();

  app.get("/api/boards", (c) => c.json(rt().plan.boards));

  app.get("/api/state", (c) => {
    const { store, plan, version } = rt();
    const ids = c.req.query("board")?.split(",").filter(Boolean);
    const unknown = ids?.filter((id) => !plan.boards.some((b) => b.id === id)) ?? [];
    if (unknown.length)
      return c.json(
        { error: `unknown board ${unknown.join(", ")}; boards: ${plan.boards.map((b) => b.id).join(", ")}` },
        404,
      );
    const order = plan.boards.filter((b) => !ids || ids.includes(b.id)).flatMap((b) => b.tiles);
    const tiles = order.map((id) => store.get(id)).filter((t) => t !== undefined);
    const body: StateAnswer = { rev: store.rev, version, title: plan.title, tiles };
    return c.json(body);
  });

  app.get("/api/tiles/:id", (c) => {
    const { store } = rt();
    const tile = store.get(c.req.param("id"));
    if (!tile) return c.json({ error: `no tile "${c.req.param("id")}"` }, 404);
    const history = [...store.historyOf(tile.id)];
    const body: TileDetail = { ...tile, history, events: store.eventsOf(tile.id) };
    const sources = rt().plan.tiles.find((t) => t.id === tile.id)?.deploys?.sources;
    if (sources) {
      const from = Math.min(history[0]?.t ?? Infinity, tile.series?.[0]?.t ?? Infinity);
      const since = Number.isFinite(from) ? from : 0;
      body.markers = deployMarkers(
        sources.flatMap((s) => store.eventsOf(s, since)),
        sources,
      );
    }
    return c.json(body);
  });

  // Which field holds a webhook's secret is the connection type's to say. Worked out once per plan and
  // webhook, not twice per request (a plan lives until the next config reload).
  const perPlan = new WeakMap<Runtime["plan"], Map<string, string[]>>();
  const webhookSecrets = (name: string): string[] => {
    const { plan } = rt();
    const known = perPlan.get(plan) ?? new Map<string, string[]>();
    perPlan.set(plan, known);
    let secrets = known.get(name);
    if (!secrets) {
      secrets = plan.tiles
        .filter((t) => t.def.webhook?.name === name)
        .flatMap((t) => {
          const def = t.connection && connectionDefinition(t.connection.type);
          const secret = def ? webhookSecret(def, t.connection!) : undefined;
          return secret ? [secret] : [];
        });
      known.set(name, secrets);
    }
    return secrets;
  };

  // A webhook whose connection has its own secret checks that one; any other needs the write token.
  app.post(
    "/api/webhooks/:name",
    (c, next) => rt().guard.middleware(() => webhookSecrets(c.req.param("name")).length > 0)(c, next),
    async (c) => {
      const { scheduler, plan } = rt();
      const name = c.req.param("name");
      const listeners = plan.tiles.filter((t) => t.def.webhook?.name === name);
      if (listeners.length === 0) return c.json({ error: `no tile listens to the "${name}" webhook` }, 404);
      const secrets = webhookSecrets(name);
      if (secrets.length > 0) {
        const given = c.req.header("authorization")?.replace(/^Bearer\s+/i, "") ?? c.req.query("secret") ?? "";
        if (!secrets.some((s) => tokenMatches(s, given)))
          return c.json({ error: "webhook secret missing or wrong" }, 401);
      }
      if (Number(c.req.header("content-length") ?? 0) > MAX_WEBHOOK_BYTES)
        return c.json({ error: "payload too large" }, 413);
      const text = await c.req.text();
      if (text.length > MAX_WEBHOOK_BYTES) return c.json({ error: "payload too large" }, 413);
      let payload: unknown;
      try {
        payload = text ? JSON.parse(text) : {};
      } catch {
        return c.json({ error: "payload is not JSON" }, 400);
      }
      // In a cluster the leader polls: a follower hands the nudge on.
      const { cluster } = rt();
      const polled = cluster ? await cluster.nudge(name, payload) : scheduler.nudge(name, payload);
      if (polled === "unavailable")
        return c.json({ error: "no cluster leader answered; the tile updates on its next regular poll" }, 503);
      return c.json({ polled }, 202);
    },
  );

  return app;
}

/** `POST /api/tiles/:id/claim` {"name","note"} and `DELETE /api/tiles/:id/claim`: "Alice is on it". */
import { Hono } from "hono";
import { z } from "zod";
import { CLAIM_NAME_MAX, CLAIM_NOTE_MAX } from "../contract.ts";
import type { Runtime } from "../runtime.ts";

const MAX_BODY_BYTES = 4096;
const NO_LEADER = "no cluster leader answered (Redis unreachable or a failover under way); the claim was not recorded";

// Control characters would let a name fake a line break on a TV; plain text only.
const plain = (max: number, what: string) =>
  z
    .string()
    .transform((s) => s.replace(/[\u0000-\u001f\u007f]+/g, " ").trim())
    .pipe(z.string().max(max, { error: `${what} is longer than ${max} characters` }));

const claimBody = z.object({
  name: plain(CLAIM_NAME_MAX, "name").pipe(z.string().min(1, { error: "name is empty: say who is on it" })),
  note: plain(CLAIM_NOTE_MAX, "note").optional().default(""),
});

export function claimRoutes(rt: () => Runtime): Hono {
  const app = new Hono();
  const guard = () => rt().guard.middleware();

  app.post(
    "/api/tiles/:id/claim",
    (c, next) => guard()(c, next),
    async (c) => {
      const { store } = rt();
      const id = c.req.param("id");
      const text = await c.req.text();
      if (text.length > MAX_BODY_BYTES) return c.json({ error: "claim body too large" }, 413);
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        return c.json({ error: 'body is not JSON; send {"name": "...", "note": "..."}' }, 400);
      }
      const body = claimBody.safeParse(raw);
      if (!body.success) return c.json({ error: body.error.issues.map((i) => i.message).join("; ") }, 400);
      const { cluster } = rt();
      // In a cluster the leader alone writes: a follower hands the claim on and waits for the answer.
      const result = cluster
        ? await cluster.claim(id, body.data.name, body.data.note)
        : store.claim(id, body.data.name, body.data.note);
      if (result === "missing") return c.json({ error: `no tile "${id}"` }, 404);
      if (result === "ok") return c.json({ error: `tile "${id}" is ok: there is nothing to claim` }, 409);
      if (result === "unavailable") return c.json({ error: NO_LEADER }, 503);
      store.flush();
      return c.json(result);
    },
  );

  app.delete(
    "/api/tiles/:id/claim",
    (c, next) => guard()(c, next),
    async (c) => {
      const { store, cluster } = rt();
      const id = c.req.param("id");
      const tile = cluster ? await cluster.release(id) : store.release(id);
      if (tile === "unavailable") return c.json({ error: NO_LEADER }, 503);
      if (!tile || typeof tile === "string") return c.json({ error: `no tile "${id}"` }, 404);
      store.flush();
      return c.json(tile);
    },
  );

  return app;
}

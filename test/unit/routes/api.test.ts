import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createApp } from "../../../collector/app.ts";
import { planFrom, type Plan } from "../../../collector/plan.ts";
import { parseConfig } from "../../../collector/config/load.ts";
import { defineSource } from "../../../collector/sources/define.ts";
import type { Runtime } from "../../../collector/runtime.ts";
import { buildFields } from "../../helpers/builders.ts";
import { testRuntime } from "../../helpers/runtime.ts";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

function runtime(plan?: Plan): Runtime {
  plan ??= planFrom(
    parseConfig(
      JSON.stringify({
        title: "T",
        boards: [
          { id: "a", title: "A", tiles: [{ id: "a1", title: "A1", kind: "demo", every: "1h" }] },
          { id: "b", title: "B", tiles: [{ id: "b1", title: "B1", kind: "demo", every: "1h" }] },
        ],
      }),
      "t.json",
      {},
    ).config,
  );
  return testRuntime(plan, cleanups, { poll: true });
}

describe("routes", () => {
  it("GET /healthz answers ok", async () => {
    const res = await createApp(() => runtime()).request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("GET /api/state?board= gives that board's tiles in config order", async () => {
    const rt = runtime();
    rt.store.applyFields("b1", buildFields({ status: "fail", summary: "red" }));
    const res = await createApp(() => rt).request("/api/state?board=b");
    const body = (await res.json()) as { rev: number; version: string; tiles: { id: string; status: string }[] };
    expect(body.version).toBe("v1");
    expect(body.tiles.map((t) => [t.id, t.status])).toEqual([["b1", "fail"]]);
  });

  it("GET /api/state without board gives every board", async () => {
    const body = (await (await createApp(() => runtime()).request("/api/state")).json()) as { tiles: { id: string }[] };
    expect(body.tiles.map((t) => t.id)).toEqual(["a1", "b1"]);
  });

  it("GET / says how to build the page when it is not built", async () => {
    const res = await createApp(() => runtime()).request("/");
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/npm run build/);
  });

  it("an unknown route is a JSON 404", async () => {
    const res = await createApp(() => runtime()).request("/api/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "no route GET /api/nope" });
  });

  it("POST /api/webhooks/:name nudges listening tiles and checks the shared secret", async () => {
    let polls = 0;
    const def = defineSource({
      kind: "hooked",
      family: "check",
      description: "test",
      params: z.object({}),
      webhook: { name: "am" },
      load: async () => (polls++, { status: "ok" as const, summary: "x" }),
      normalise: (f) => f,
    });
    const plan: Plan = {
      title: "T",
      families: { hooked: "check" },
      boards: [{ id: "a", title: "A", tiles: ["h"] }],
      tiles: [
        {
          id: "h",
          board: "a",
          title: "H",
          kind: "hooked",
          def,
          params: {},
          everyMs: 3_600_000,
          staleAfterMs: 1e9,
          timeoutMs: 1000,
          pollKey: "h",
          connectionName: "am",
          connection: { type: "alertmanager", webhookSecret: "hook-secret" } as never,
        },
      ],
    };
    const rt = runtime(plan);
    const app = createApp(() => rt);
    expect((await app.request("/api/webhooks/am", { method: "POST", body: "{}" })).status).toBe(401);
    expect((await app.request("/api/webhooks/other", { method: "POST", body: "{}" })).status).toBe(404);
    const ok = await app.request("/api/webhooks/am", {
      method: "POST",
      body: '{"status":"firing"}',
      headers: { authorization: "Bearer hook-secret" },
    });
    expect(ok.status).toBe(202);
    expect(await ok.json()).toEqual({ polled: 1 });
    expect(
      (await app.request("/api/webhooks/am?secret=hook-secret", { method: "POST", body: "not json" })).status,
    ).toBe(400);
  });

  it("POST /api/webhooks/:name needs the writeToken unless its connection has its own secret", async () => {
    const def = defineSource({
      kind: "hooked",
      family: "check",
      description: "test",
      params: z.object({}),
      webhook: { name: "am" },
      load: async () => ({}),
      normalise: () => ({ status: "ok", summary: "x" }),
    });
    const tile = (id: string, webhookSecret?: string) => ({
      id,
      board: "a",
      title: id,
      kind: "hooked",
      def,
      params: {},
      everyMs: 3_600_000,
      staleAfterMs: 1e9,
      timeoutMs: 1000,
      pollKey: id,
      connectionName: "am",
      connection: { type: "alertmanager", ...(webhookSecret ? { webhookSecret } : {}) } as never,
    });
    const plan: Plan = {
      title: "T",
      families: { hooked: "check" },
      boards: [{ id: "a", title: "A", tiles: ["h"] }],
      tiles: [tile("h")],
      writeToken: "write-token-1",
    };
    const rt = runtime(plan);
    const app = createApp(() => rt);
    expect((await app.request("/api/webhooks/am", { method: "POST", body: "{}" })).status).toBe(401);
    expect(
      (
        await app.request("/api/webhooks/am", {
          method: "POST",
          body: "{}",
          headers: { "x-radiator-token": "write-token-1" },
        })
      ).status,
    ).toBe(202);
    rt.plan = { ...plan, tiles: [tile("h", "hook-secret")] };
    expect(
      (
        await app.request("/api/webhooks/am", {
          method: "POST",
          body: "{}",
          headers: { authorization: "Bearer hook-secret" },
        })
      ).status,
    ).toBe(202);
  });
});

/**
 * `POST /api/webhooks/:name` on the served process, over real HTTP: statuses, error texts, JSON, the
 * security headers and the write guard's per-client budget as a sender (Alertmanager) meets them, and
 * other methods and paths answered by the app's 404.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "node:http";
import { startServer, type RunningServer } from "../../collector/server.ts";
import { WriteGuard } from "../../collector/routes/write-guard.ts";
import { fakeUpstream, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { until } from "../helpers/cluster.ts";

const SECRET = "HookSecret-9Vw3q";
let upstream: FakeUpstream;
let server: RunningServer;
let polls = 0;

beforeAll(async () => {
  // GET /api/v2/alerts answers an empty list (Alertmanager API v2, openapi.yaml: getAlerts → gettableAlerts)
  upstream = await fakeUpstream({ "GET /api/v2/alerts": () => (polls++, { status: 200, json: [] }) });
  const file = join(mkdtempSync(join(tmpdir(), "radiator-hook-")), "config.json");
  writeFileSync(
    file,
    JSON.stringify({
      connections: { am: { type: "alertmanager", url: upstream.url, webhookSecret: SECRET } },
      boards: [
        {
          id: "ops",
          title: "Ops",
          tiles: [{ id: "alerts", title: "Alerts", kind: "alertmanager", connection: "am", every: "1h" }],
        },
      ],
    }),
  );
  server = await startServer({ configPath: file, port: 0, host: "127.0.0.1", watch: false });
  // the start's own first poll, so the nudge below is what makes the next one
  await until("the first poll", () => polls === 1 && !!server.runtime.store.get("alerts")?.checkedAt, 10_000);
});

afterAll(async () => {
  await server?.close();
  await upstream?.close();
});

/** A POST from a given loopback address (the write guard budgets per client address). */
function post(path: string, body: string, headers: Record<string, string> = {}, from = "127.0.0.1") {
  const { port } = new URL(server.url);
  return new Promise<{ status: number; headers: Record<string, unknown>; text: string }>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method: "POST", localAddress: from, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("a webhook on the served collector", () => {
  it("nudges the listening tile and answers 202 with JSON and the security headers", async () => {
    const before = polls;
    const res = await post("/api/webhooks/alertmanager", '{"status":"firing"}', {
      authorization: `Bearer ${SECRET}`,
      "content-type": "application/json",
    });
    expect(res.status).toBe(202);
    expect(JSON.parse(res.text)).toEqual({ polled: 1 });
    expect(res.headers["content-type"]).toBe("application/json");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    expect(res.headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(String(res.headers["content-security-policy"])).toContain("frame-ancestors 'self'");
    // at once, or 2 s after the start's poll (nudges poll a tile at most that often)
    await until("the nudged poll", () => polls === before + 1, 10_000);
  });

  it("takes the secret from ?secret= too, and refuses a wrong or missing one without echoing it", async () => {
    expect((await post(`/api/webhooks/alertmanager?x=1&secret=${SECRET}`, "{}", {}, "127.0.0.2")).status).toBe(202);
    const wrong = await post("/api/webhooks/alertmanager", "{}", { authorization: "Bearer guess-1" }, "127.0.0.2");
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.text)).toEqual({ error: "webhook secret missing or wrong" });
    expect(wrong.text).not.toContain("guess-1");
    expect((await post("/api/webhooks/alertmanager", "{}", {}, "127.0.0.2")).status).toBe(401);
  });

  it("answers 404 for a webhook no tile listens to, 400 for a body that is not JSON, 413 for one too large", async () => {
    const none = await post("/api/webhooks/nobody", "{}", {}, "127.0.0.3");
    expect(none.status).toBe(404);
    expect(JSON.parse(none.text)).toEqual({ error: 'no tile listens to the "nobody" webhook' });
    const auth = { authorization: `Bearer ${SECRET}` };
    const garbage = await post("/api/webhooks/alertmanager", "not json", auth, "127.0.0.3");
    expect([garbage.status, JSON.parse(garbage.text)]).toEqual([400, { error: "payload is not JSON" }]);
    const big = await post("/api/webhooks/alertmanager", "x".repeat(1024 * 1024 + 1), auth, "127.0.0.3");
    expect([big.status, JSON.parse(big.text)]).toEqual([413, { error: "payload too large" }]);
  });

  it("spends the write guard's per-client budget: the 21st write in a burst gets 429 with Retry-After", async () => {
    // a guard on a stopped clock: no write is regained meanwhile, however slow the machine
    const guard = server.runtime.guard;
    server.runtime.guard = new WriteGuard({ token: () => undefined, now: () => 0 });
    try {
      const answers: number[] = [];
      for (let i = 0; i < 21; i++) answers.push((await post("/api/webhooks/nobody", "{}", {}, "127.0.0.4")).status);
      expect(answers.slice(0, 20)).toEqual(Array(20).fill(404));
      const last = await post("/api/webhooks/nobody", "{}", {}, "127.0.0.4");
      expect(last.status).toBe(429);
      expect(Number(last.headers["retry-after"])).toBeGreaterThanOrEqual(1);
      expect(answers[20]).toBe(429);
    } finally {
      server.runtime.guard = guard;
    }
  });

  it("leaves other methods and paths to the app", async () => {
    const { port } = new URL(server.url);
    const get = await fetch(`http://127.0.0.1:${port}/api/webhooks/alertmanager`);
    expect(get.status).toBe(404);
    expect(await get.json()).toEqual({ error: "no route GET /api/webhooks/alertmanager" });
    const nested = await post("/api/webhooks/alertmanager/extra", "{}", {}, "127.0.0.5");
    expect(nested.status).toBe(404);
    expect(JSON.parse(nested.text)).toEqual({ error: "no route POST /api/webhooks/alertmanager/extra" });
  });
});

/**
 * The collector as a real process against a real Prometheus stack: host
 * metrics, scrape targets and alerts on one board, Alertmanager webhook nudges.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startCollector, type CollectorProcess } from "../helpers/collector-process.ts";
import { fixture } from "../helpers/fake-upstream.ts";
import { eventually, startPromStack, type PromStack } from "../helpers/prom-stack.ts";

const SECRET = "hook-secret-for-tests";
let s: PromStack;
let c: CollectorProcess;

beforeAll(async () => {
  // The collector's port is chosen first, so Alertmanager's webhook can point at it.
  const port = await freePort();
  s = await startPromStack({ webhook: { url: `http://127.0.0.1:${port}/api/webhooks/alertmanager`, secret: SECRET } });
  c = await startCollector({
    port,
    config: {
      title: "Ops integration",
      connections: {
        prom: { type: "prometheus", url: s.prometheus },
        am: { type: "alertmanager", url: s.alertmanager, webhookSecret: "${AM_WEBHOOK_SECRET}" },
      },
      defaults: { every: "1s" },
      boards: [
        {
          id: "ops",
          title: "Ops",
          tiles: [
            {
              id: "memory",
              title: "Memory",
              kind: "prometheus",
              connection: "prom",
              unit: "%",
              warn: 99.9,
              fail: 100,
              window: "1m",
              query: "100 * (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)",
            },
            { id: "bad-query", title: "Broken query", kind: "prometheus", connection: "prom", query: "sum(" },
            { id: "targets", title: "Targets", kind: "prometheus-targets", connection: "prom" },
            { id: "alerts", title: "Ops alerts", kind: "alertmanager", connection: "am", filter: ['team="ops"'] },
            // Polled every 5 minutes: only a webhook nudge can change it within the test.
            {
              id: "web-alerts",
              title: "Web alerts",
              kind: "alertmanager",
              connection: "am",
              filter: ['team="web"'],
              every: "5m",
            },
            {
              id: "hooked",
              title: "Hooked alerts",
              kind: "alertmanager",
              connection: "am",
              filter: ['hook="radiator"'],
              every: "5m",
            },
            { id: "ci", title: "CI (demo)", kind: "demo", scenario: "build" },
          ],
        },
      ],
    },
    env: { AM_WEBHOOK_SECRET: SECRET },
  });
});
afterAll(async () => {
  await c?.stop();
  await s?.stop();
});

describe("the collector against a real Prometheus stack", () => {
  it("shows a memory figure from node_exporter on a prometheus tile", async () => {
    const t = await c.waitForTile("memory", (x) => x.status !== "unknown", 20_000);
    expect(t.value).toBeGreaterThan(0);
    expect(t.value).toBeLessThan(100);
    expect(t.summary).toBe(`${t.value} %`);
    expect(t.url).toMatch(new RegExp(`^${s.prometheus}/graph\\?g0\\.expr=`));
  });

  it("shows Prometheus's own error text on a tile with a broken query, grey, never green", async () => {
    const t = await c.waitForTile("bad-query", (x) => x.error !== undefined, 10_000);
    expect(t.status).toBe("unknown");
    expect(t.error).toContain(
      'Prometheus: bad_data: invalid parameter "query": 1:5: parse error: unclosed left parenthesis',
    );
  });

  it("turns the alerts tile red with the always-firing alert's summary", async () => {
    const t = await c.waitForTile("alerts", (x) => x.status === "fail", 20_000);
    expect(t.summary).toBe("AlwaysFiring (critical): test alert that fires at once");
    expect(t.items![0]).toMatchObject({ title: "AlwaysFiring", status: "fail" });
  });

  it("updates a 5-minute alerts tile within seconds when Alertmanager's webhook nudges it", async () => {
    const before = await c.waitForTile("web-alerts", (x) => x.checkedAt !== null, 5000);
    expect(before).toMatchObject({ status: "ok", summary: "no alerts firing" });
    s.setProbe(false);
    await eventually(
      "ProbeDown in Alertmanager",
      async () => {
        const alerts = (await (
          await fetch(`${s.alertmanager}/api/v2/alerts?filter=alertname%3DProbeDown`)
        ).json()) as unknown[];
        return alerts.length > 0;
      },
      20_000,
    );
    const payload = fixture("alertmanager/webhook.json");
    payload.alerts[0].labels = { alertname: "ProbeDown", severity: "warning", team: "web" };
    const hook = (headers: Record<string, string>) =>
      fetch(`${c.url}/api/webhooks/alertmanager`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(payload),
      });
    expect((await hook({})).status).toBe(401);
    const res = await hook({ authorization: `Bearer ${SECRET}` });
    expect(res.status).toBe(202);
    const nudged = Date.now();
    const t = await c.waitForTile("web-alerts", (x) => x.status === "warn", 5000);
    expect(Date.now() - nudged).toBeLessThan(5000);
    expect(t.summary).toBe("ProbeDown (warning): the probed site is down");
    s.setProbe(true);
  });

  it("updates a 5-minute alerts tile within seconds of Alertmanager's own webhook notification", async () => {
    expect(await c.waitForTile("hooked", (x) => x.checkedAt !== null, 5000)).toMatchObject({
      status: "ok",
      summary: "no alerts firing",
    });
    await s.injectAlert(
      { alertname: "InjectedByTest", severity: "critical", hook: "radiator" },
      { summary: "posted straight to Alertmanager" },
    );
    const posted = Date.now();
    const t = await c.waitForTile("hooked", (x) => x.status === "fail", 10_000);
    // group_wait is 1 s; the 5-minute poll could not have seen it.
    expect(Date.now() - posted).toBeLessThan(8000);
    expect(t.summary).toBe("InjectedByTest (critical): posted straight to Alertmanager");
  });

  it("turns the alerts tile back to ok after a silence, showing one silenced", async () => {
    await s.silence({ alertname: "AlwaysFiring" });
    const t = await c.waitForTile("alerts", (x) => x.status === "ok", 10_000);
    expect(t.summary).toBe("no alerts firing · 1 silenced");
  });

  it("shows the targets ok, then red within a few seconds of node_exporter stopping, naming it", async () => {
    await c.waitForTile("targets", (x) => x.status === "ok" && x.summary === "4/4 targets up", 20_000);
    await s.stopNodeExporter();
    const stopped = Date.now();
    const t = await c.waitForTile("targets", (x) => x.status === "fail", 10_000);
    expect(Date.now() - stopped).toBeLessThan(5000);
    expect(t.summary).toBe(`1/4 targets down: node ${s.nodeInstance}`);
    expect(t.items![0]).toMatchObject({
      title: `node ${s.nodeInstance}`,
      status: "fail",
      detail: expect.stringMatching(/connection refused/),
    });
  });

  it("keeps secrets out of the state it serves", async () => {
    const state = JSON.stringify(await c.state());
    expect(state).not.toContain(SECRET);
    expect(state).toContain('"ci"');
  });
});

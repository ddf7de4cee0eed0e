/**
 * Deploy markers against the real Prometheus from Debian: a metric the test changes (through the
 * pushgateway) after it pushes a deploy event shows "+N % since deploy …" on its tile, and the marker
 * is in the detail API; a change below the threshold says nothing. Windows are short and configured
 * (before 6 s, after 4 s); the test waits on what Prometheus holds, not on the clock.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCollector, type CollectorProcess } from "../helpers/collector-process.ts";
import { startPushStack, type PushStack } from "../helpers/pushgateway.ts";
import { eventually } from "../helpers/prom-stack.ts";
import type { TileDetail } from "../../collector/contract.ts";

const TOKEN = "integration-deploy-token";
const regression = { threshold: 0.2, direction: "up", before: "6s", after: "4s" };

let stack: PushStack;
let c: CollectorProcess;

beforeAll(async () => {
  stack = await startPushStack();
  await stack.push({ radiator_test_latency_ms: 100, radiator_test_errors: 100 });
  // a full "before" window of samples at the old values
  await eventually(
    "10 s of samples",
    async () => (await stack.query("count_over_time(radiator_test_latency_ms[10s])"))! >= 9,
    30_000,
  );
  c = await startCollector({
    config: {
      connections: { prom: { type: "prometheus", url: stack.prometheus } },
      boards: [
        {
          id: "ops",
          title: "Ops",
          tiles: [
            { id: "api-prod", title: "API", kind: "deploy-events", token: TOKEN, environments: ["production"] },
            {
              id: "latency",
              title: "p95 latency",
              kind: "prometheus",
              connection: "prom",
              query: "radiator_test_latency_ms",
              unit: "ms",
              window: "1m",
              every: "1s",
              deploys: ["api-prod"],
              regression,
            },
            {
              id: "errors",
              title: "Errors",
              kind: "prometheus",
              connection: "prom",
              query: "radiator_test_errors",
              window: "1m",
              every: "1s",
              deploys: ["api-prod"],
              regression,
            },
          ],
        },
      ],
    },
  });
  await c.waitForTile("latency", (t) => t.value === 100, 20_000);
}, 90_000);

afterAll(async () => {
  await c?.stop();
  await stack?.stop();
});

const detail = async (id: string) => (await (await fetch(`${c.url}/api/tiles/${id}`)).json()) as TileDetail;

describe("deploy markers with the real Prometheus", () => {
  it("a rise past the threshold after a deploy says so; one below it says nothing", async () => {
    const res = await fetch(`${c.url}/api/events/deploy`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ environment: "production", version: "1.4.3", status: "succeeded", by: "ansible" }),
    });
    expect(res.status).toBe(201);
    const { event } = (await res.json()) as { event: { t: number } };
    await stack.push({ radiator_test_latency_ms: 228, radiator_test_errors: 110 });

    const latency = await c.waitForTile("latency", (t) => t.impact?.after === 228 && t.value === 228, 30_000);
    expect(latency.status).toBe("warn");
    expect(latency.summary).toMatch(/^p95 latency \+128 % since deploy 1\.4\.3 \(\d+ s ago\) · 228 ms$/);
    expect(latency.impact).toMatchObject({ before: 100, after: 228, change: 1.28, regressed: true });
    expect(latency.marks).toEqual([event.t]);

    const d = await detail("latency");
    expect(d.markers).toEqual([{ t: event.t, version: "1.4.3", environment: "production", source: "api-prod" }]);
    expect(d.impact?.marker.version).toBe("1.4.3");

    const errors = await c.waitForTile("errors", (t) => t.impact?.after === 110 && t.value === 110, 30_000);
    expect(errors.status).toBe("ok");
    expect(errors.summary).toBe("110");
    expect(errors.impact).toMatchObject({ before: 100, after: 110, change: 0.1, regressed: false });
    expect(errors.impact?.text).toBe(undefined);
    // and it never turned amber on the way
    expect([...new Set((await detail("errors")).history.map((h) => h.status))]).toEqual(["ok"]);
  });
});

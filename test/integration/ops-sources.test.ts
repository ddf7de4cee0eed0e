/**
 * The ops kinds polled once at a time (pollTile) against a real Prometheus,
 * Alertmanager, node_exporter and blackbox_exporter from Debian's packages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TileFields } from "../../collector/contract.ts";
import { pollTile } from "../helpers/poll.ts";
import { eventually, missingBinaries, startPromStack, type PromStack } from "../helpers/prom-stack.ts";

let s: PromStack;
const prom = () => ({ type: "prometheus", url: s.prometheus });
const am = () => ({ type: "alertmanager", url: s.alertmanager });
const poll = (kind: string, params: Record<string, unknown>) =>
  pollTile(kind, params, kind === "alertmanager" ? am() : prom());
const until = (
  what: string,
  kind: string,
  params: Record<string, unknown>,
  pred: (f: TileFields) => boolean,
  timeoutMs = 20_000,
) =>
  eventually(
    what,
    async () => {
      const f = await poll(kind, params);
      return pred(f) ? f : false;
    },
    timeoutMs,
    250,
  );

beforeAll(async () => {
  s = await startPromStack();
});
afterAll(async () => s?.stop());

describe("prometheus kind on a real Prometheus", () => {
  it("shows memory use from node_exporter as a number, with a sparkline from query_range", async () => {
    const query = "100 * (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)";
    const f = await until(
      "memory query",
      "prometheus",
      { query, unit: "%", warn: 99.9, fail: 100, window: "1m" },
      (x) => x.status !== "unknown" && (x.series?.length ?? 0) > 0,
    );
    expect(f.value).toBeGreaterThan(0);
    expect(f.value).toBeLessThan(100);
    expect(f.summary).toBe(`${f.value} %`);
    expect(f.series!.every((p) => Number.isFinite(p.v) && p.t > Date.now() - 120_000)).toBe(true);
  });

  it("shows CPU use from node_exporter as a number", async () => {
    const query = '100 * (1 - avg(rate(node_cpu_seconds_total{mode="idle"}[5s])))';
    const f = await until("cpu query", "prometheus", { query, unit: "%" }, (x) => x.status !== "unknown");
    expect(f.value).toBeGreaterThanOrEqual(0);
    expect(f.value).toBeLessThanOrEqual(100);
  });

  it("lists one item per series of `up`, titled by instance and job", async () => {
    const f = await until(
      "up",
      "prometheus",
      { query: "up", warn: 0, fail: 0, direction: "below" },
      (x) => (x.items?.length ?? 0) === 4,
    );
    expect(f.status).toBe("ok");
    expect(f.items!.map((i) => i.title)).toContain(`{instance="${s.nodeInstance}", job="node"}`);
  });

  it("is unknown with 'query returned no data' for an empty result", async () => {
    expect(await poll("prometheus", { query: 'up{job="no-such-job"}' })).toMatchObject({
      status: "unknown",
      error: "query returned no data",
    });
  });

  it("fails the poll with Prometheus's own text for a PromQL error", async () => {
    await expect(poll("prometheus", { query: "sum(" })).rejects.toThrow(
      'Prometheus: bad_data: invalid parameter "query": 1:5: parse error: unclosed left parenthesis',
    );
  });
});

describe("alertmanager kind on a real Alertmanager", () => {
  it("fails on the always-firing critical alert, with its summary", async () => {
    const f = await until(
      "AlwaysFiring in Alertmanager",
      "alertmanager",
      { filter: ['team="ops"'] },
      (x) => x.status !== "ok",
    );
    expect(f).toMatchObject({
      status: "fail",
      value: 1,
      summary: "AlwaysFiring (critical): test alert that fires at once",
    });
    expect(f.items![0]).toMatchObject({
      title: "AlwaysFiring",
      status: "fail",
      detail: expect.stringContaining("test alert that fires at once"),
    });
    expect(Date.parse(f.since!)).toBeLessThan(Date.now());
  });

  it("warns while the probed site is down, and goes back to ok when it recovers", async () => {
    const params = { filter: ['team="web"'] };
    expect((await poll("alertmanager", params)).status).toBe("ok");
    s.setProbe(false);
    const down = await until("ProbeDown firing", "alertmanager", params, (x) => x.status !== "ok");
    expect(down).toMatchObject({ status: "warn", summary: "ProbeDown (warning): the probed site is down" });
    s.setProbe(true);
    await until("ProbeDown resolved", "alertmanager", params, (x) => x.status === "ok");
  });

  it("is ok after a silence, counting the silenced alert", async () => {
    await until("AlwaysFiring in Alertmanager", "alertmanager", { filter: ['team="ops"'] }, (x) => x.status === "fail");
    await s.silence({ alertname: "AlwaysFiring" });
    const f = await until(
      "silence applied",
      "alertmanager",
      { filter: ['team="ops"'] },
      (x) => x.status === "ok",
      5000,
    );
    expect(f).toMatchObject({ summary: "no alerts firing · 1 silenced", value: 0 });
  });
});

describe("prometheus-targets kind on a real Prometheus", () => {
  it("is ok with every target up, then fails naming node_exporter once it stops", async () => {
    const ok = await until("all targets up", "prometheus-targets", {}, (x) => x.status === "ok");
    expect(ok.summary).toBe("4/4 targets up");
    await s.stopNodeExporter();
    const stopped = Date.now();
    const f = await until("node target down", "prometheus-targets", {}, (x) => x.status === "fail", 10_000);
    expect(Date.now() - stopped).toBeLessThan(5000);
    expect(f.summary).toBe(`1/4 targets down: node ${s.nodeInstance}`);
    // Prometheus's own lastError: "connection refused" for a new connection, "connection reset by peer" when the
    // exporter died under a scrape's kept-alive connection (seen once in a parallel .ci/run).
    expect(f.items![0]!.detail).toMatch(/connection refused|connection reset by peer/);
  });
});

describe("the stack helper", () => {
  it("fails, never skips, with the apt-get line when a binary is missing", async () => {
    const path = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
      expect(missingBinaries()).toHaveLength(4);
      await expect(startPromStack()).rejects.toThrow(
        "apt-get install prometheus prometheus-alertmanager prometheus-node-exporter prometheus-blackbox-exporter",
      );
    } finally {
      process.env.PATH = path;
    }
  });
});

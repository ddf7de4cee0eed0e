/**
 * /metrics as Prometheus operators expect it (issue 15): prom-client's process
 * and Node.js metrics under their standard names, Radiator's own under
 * `radiator_`, and Debian's `promtool check metrics` finding no problem with
 * Radiator's own metrics on the live endpoint of a real collector.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import WebSocket from "ws";
import { startCollector, type CollectorProcess } from "../helpers/collector-process.ts";
import { fakeUpstream, type FakeUpstream } from "../helpers/fake-upstream.ts";

const PROMTOOL = "/usr/bin/promtool";

let upstream: FakeUpstream;
let collector: CollectorProcess;
let text: string;

/** promtool's complaints, one per line ("name message"); it reads the exposition on stdin. */
function promtool(input: string): { status: number | null; lines: string[] } {
  const run = spawnSync(PROMTOOL, ["check", "metrics"], { input, encoding: "utf8" });
  if (run.error) throw run.error;
  return { status: run.status, lines: `${run.stdout}${run.stderr}`.split("\n").filter(Boolean) };
}

/** Only the metric families whose name starts with the prefix (their # HELP, # TYPE and samples). */
function families(exposition: string, prefix: string): string {
  return (
    exposition
      .split("\n")
      .filter((line) => {
        const name = line.startsWith("# ") ? line.split(" ")[2] : line.split(/[{ ]/)[0];
        return name?.startsWith(prefix);
      })
      .join("\n") + "\n"
  );
}

beforeAll(async () => {
  upstream = await fakeUpstream({
    "GET /api/v1/query": {
      json: { status: "success", data: { resultType: "vector", result: [] } },
      headers: { etag: '"a"' },
    },
  });
  collector = await startCollector({
    config: {
      connections: { prom: { type: "prometheus", url: upstream.url } },
      boards: [
        {
          id: "ops",
          title: "Ops",
          tiles: [
            { id: "build", title: "Build", kind: "demo", scenario: "build", every: "1s" },
            { id: "q", title: "Query", kind: "prometheus", connection: "prom", query: "up", every: "1s" },
            { id: "down", title: "Down", kind: "http", url: `${upstream.url}/nothing-here`, every: "1s" },
          ],
        },
      ],
    },
  });
  // One screen, so the WebSocket series have samples too.
  const ws = new WebSocket(`${collector.url.replace("http", "ws")}/ws`);
  await new Promise((resolve) => ws.once("message", resolve));
  await collector.waitForTile("q", (t) => t.checkedAt !== null, 15_000);
  await collector.waitForTile("down", (t) => t.status === "fail", 15_000);
  text = await (await fetch(`${collector.url}/metrics`)).text();
  ws.close();
});

afterAll(async () => {
  await collector?.stop();
  await upstream?.close();
});

describe("/metrics names", () => {
  it("has prom-client's process and Node.js metrics under their standard names, no doubled prefix", () => {
    expect(text).toMatch(/^process_cpu_seconds_total \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
    expect(text).not.toContain("radiator_process_");
  });

  it("has Radiator's own metrics under radiator_, with samples", () => {
    for (const name of [
      "radiator_polls_total",
      "radiator_poll_duration_seconds_bucket",
      "radiator_upstream_requests_total",
      "radiator_tile_status",
      "radiator_ws_clients",
      "radiator_ws_messages_serialised_total",
    ]) {
      expect(text, name).toMatch(new RegExp(`^${name}[{ ]`, "m"));
    }
    const own = text
      .split("\n")
      .filter((l) => l && !l.startsWith("#"))
      .map((l) => l.split(/[{ ]/)[0]!);
    const foreign = own.filter((n) => !/^(radiator_|process_|nodejs_)/.test(n));
    expect(foreign).toEqual([]);
  });

  it("promtool check metrics finds no problem with Radiator's own metrics", () => {
    const whole = promtool(text);
    // prom-client's own gauges (nodejs_active_handles_total…) draw complaints; none may name a radiator_ metric.
    expect(whole.lines.filter((l) => l.includes("radiator_"))).toEqual([]);
    const mine = families(text, "radiator_");
    expect(mine).toMatch(/^# TYPE radiator_tile_status gauge$/m);
    const ours = promtool(mine);
    expect(ours.lines).toEqual([]);
    expect(ours.status).toBe(0);
  });
});

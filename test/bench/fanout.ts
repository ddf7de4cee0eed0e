/**
 * Fan-out: polls and serialisations must scale with tiles and boards, never
 * with the number of screens. Runs an in-process collector and N real
 * WebSocket clients on 127.0.0.1 for a bounded time.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { startServer } from "../../collector/server.ts";
import type { Registry } from "prom-client";

export interface FanoutResult {
  screens: number;
  tiles: number;
  seconds: number;
  polls: number;
  serialisations: number;
  messagesReceived: number;
  bytesReceived: number;
}

function config(tiles: number): object {
  const half = Math.ceil(tiles / 2);
  const tile = (i: number) => ({
    id: `t${i}`,
    title: `Build ${i}`,
    kind: "demo",
    scenario: i % 3 === 0 ? "metric" : "flaky",
    seed: i,
    period: "4s",
    every: "500ms",
  });
  return {
    boards: [
      { id: "a", title: "A", tiles: Array.from({ length: half }, (_, i) => tile(i)) },
      { id: "b", title: "B", tiles: Array.from({ length: tiles - half }, (_, i) => tile(half + i)) },
    ],
  };
}

async function pollsTotal(registry: Registry): Promise<number> {
  const metric = await registry.getSingleMetric("radiator_polls_total")!.get();
  return metric.values.reduce((n, v) => n + v.value, 0);
}

export async function fanout(screens: number, tiles: number, seconds: number): Promise<FanoutResult> {
  const dir = mkdtempSync(join(tmpdir(), "radiator-bench-"));
  const file = join(dir, "config.json");
  writeFileSync(file, JSON.stringify(config(tiles)));
  const server = await startServer({ configPath: file, port: 0, host: "127.0.0.1", watch: false });
  const sockets: WebSocket[] = [];
  let messagesReceived = 0,
    bytesReceived = 0;
  await Promise.all(
    Array.from(
      { length: screens },
      (_, i) =>
        new Promise<void>((resolve, reject) => {
          const ws = new WebSocket(`${server.url.replace("http", "ws")}/ws?board=${i % 2 ? "a" : "b"}`);
          ws.on("message", (d: Buffer) => {
            messagesReceived++;
            bytesReceived += d.length;
          });
          ws.on("open", () => resolve());
          ws.on("error", reject);
          sockets.push(ws);
        }),
    ),
  );
  const hub = server.runtime.hub;
  const s0 = hub.serialisations,
    p0 = await pollsTotal(server.runtime.services.metrics.registry),
    m0 = messagesReceived,
    b0 = bytesReceived;
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const result: FanoutResult = {
    screens,
    tiles,
    seconds,
    polls: (await pollsTotal(server.runtime.services.metrics.registry)) - p0,
    serialisations: hub.serialisations - s0,
    messagesReceived: messagesReceived - m0,
    bytesReceived: bytesReceived - b0,
  };
  for (const ws of sockets) ws.terminate();
  await server.close();
  return result;
}

/**
 * Two collectors in one process share nothing (issue 9.2): each has its own
 * redactor and its own /metrics registry, made in startServer, so a secret of
 * one is unknown to the other and a tile of one never shows in the other's metrics.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer } from "../../collector/server.ts";
import type { Tile } from "../../collector/contract.ts";
import { fakeUpstream, type FakeUpstream } from "../helpers/fake-upstream.ts";

const A_TOKEN = "AlphaConnTok-7Qx9w";
const A_PING = "AlphaPingTok-4Rt6y";
const B_TOKEN = "BravoConnTok-3Kw2z";
const A_ENV = "RADIATOR_TWO_A_PING_TOKEN";

let upstream: FakeUpstream;
let a: RunningServer;
let b: RunningServer;

function configFile(config: object): string {
  const file = join(mkdtempSync(join(tmpdir(), "radiator-two-")), "config.json");
  writeFileSync(file, JSON.stringify(config));
  return file;
}

async function tileOnceChecked(server: RunningServer, id: string): Promise<Tile> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const tile = server.runtime.store.get(id);
    if (tile && (tile.error !== undefined || tile.checkedAt)) return tile;
    if (Date.now() > deadline) throw new Error(`tile ${id} was never polled: ${JSON.stringify(tile)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  // A careless upstream: echoes every request header and path in its error body.
  upstream = await fakeUpstream({
    "*": (req) => ({
      status: 500,
      json: { message: `denied ${req.path} ${JSON.stringify(req.headers)}` },
    }),
  });
  process.env[A_ENV] = A_PING;
  const conn = (token: string) => ({ type: "prometheus", url: upstream.url, token });
  a = await startServer({
    configPath: configFile({
      connections: { prom: conn(A_TOKEN) },
      boards: [
        {
          id: "a",
          title: "A",
          tiles: [
            { id: "a-query", title: "A query", kind: "prometheus", connection: "prom", query: "up", every: "1h" },
            // A secret that is no connection's: only A's redactor knows it.
            { id: "a-ping", title: "A ping", kind: "http", url: `${upstream.url}/ping/\${${A_ENV}}`, every: "1h" },
          ],
        },
      ],
    }),
    port: 0,
    host: "127.0.0.1",
    watch: false,
  });
  b = await startServer({
    configPath: configFile({
      connections: { prom: conn(B_TOKEN) },
      boards: [
        {
          id: "b",
          title: "B",
          tiles: [
            { id: "b-query", title: "B query", kind: "prometheus", connection: "prom", query: "up", every: "1h" },
          ],
        },
      ],
    }),
    port: 0,
    host: "127.0.0.1",
    watch: false,
  });
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await upstream?.close();
  delete process.env[A_ENV];
});

describe("two collectors in one process", () => {
  it("keep separate redaction: A's secrets are known to A only, and never leave A", async () => {
    expect(a.runtime.services.redactor.knows(A_TOKEN)).toBe(true);
    expect(a.runtime.services.redactor.knows(A_PING)).toBe(true);
    expect(b.runtime.services.redactor.knows(A_TOKEN)).toBe(false);
    expect(b.runtime.services.redactor.knows(A_PING)).toBe(false);
    expect(b.runtime.services.redactor.redact(`x ${A_PING} y`)).toBe(`x ${A_PING} y`);
    expect(a.runtime.services.redactor.knows(B_TOKEN)).toBe(false);

    const query = await tileOnceChecked(a, "a-query");
    const ping = await tileOnceChecked(a, "a-ping");
    await tileOnceChecked(b, "b-query");
    // The secrets did reach the upstream, so there was something to leak.
    expect(upstream.requests.some((r) => r.headers.authorization === `Bearer ${A_TOKEN}`)).toBe(true);
    expect(upstream.requests.some((r) => r.path === `/ping/${A_PING}`)).toBe(true);
    expect(query.error).toMatch(/answered HTTP 500/);
    expect(ping.status).toBe("fail");

    const outputs: string[] = [];
    for (const server of [a, b]) {
      outputs.push(await (await fetch(`${server.url}/api/state`)).text());
      outputs.push(await (await fetch(`${server.url}/metrics`)).text());
    }
    outputs.push(await (await fetch(`${a.url}/api/tiles/a-ping`)).text());
    const all = outputs.join("\n");
    expect(all).toContain("/ping/***");
    for (const secret of [A_TOKEN, A_PING, B_TOKEN]) expect(all).not.toContain(secret);
  });

  it("keep separate /metrics: B's shows none of A's tiles and polls", async () => {
    await tileOnceChecked(a, "a-query");
    await tileOnceChecked(b, "b-query");
    const metricsA = await (await fetch(`${a.url}/metrics`)).text();
    const metricsB = await (await fetch(`${b.url}/metrics`)).text();
    expect(metricsA).toMatch(/radiator_tile_status\{board="a",tile="a-query"/);
    expect(metricsB).toMatch(/radiator_tile_status\{board="b",tile="b-query"/);
    expect(metricsB).not.toContain('tile="a-');
    expect(metricsA).not.toContain('tile="b-');
    expect(metricsB).not.toContain('kind="http"');
    expect(metricsA).toMatch(/radiator_polls_total\{kind="http"\} 1\n/);
    expect(metricsA).toMatch(/radiator_polls_total\{kind="prometheus"\} 1\n/);
    expect(metricsB).toMatch(/radiator_polls_total\{kind="prometheus"\} 1\n/);
  });
});

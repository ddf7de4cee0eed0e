/**
 * Secrets stay in the collector: with every connection type configured with
 * marker tokens, and an upstream that echoes every request header back in its
 * error bodies, no marker may reach a tile, a WebSocket message, an API answer,
 * /metrics or the log.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { z } from "zod";
import { sourceList } from "../../collector/sources/index.ts";
import { connectionList, connections } from "../../collector/connections/index.ts";
import {
  connectionSchema,
  secretValues,
  type ConnectionConfig,
  type ConnectionDefinition,
} from "../../collector/connections/define.ts";
import { fakeUpstream, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { minimalParams } from "../helpers/secret-configs.ts";
import { startCollector, type CollectorProcess } from "../helpers/collector-process.ts";

/** Every string field of a connection filled with a distinct marker; secrets are what the definition says they are. */
function markedConnection(
  def: ConnectionDefinition,
  url: string,
): { config: Record<string, unknown>; env: Record<string, string>; secrets: string[] } {
  const config: Record<string, unknown> = { type: def.type, url };
  const env: Record<string, string> = {};
  for (const [key, field] of Object.entries(def.fields as Record<string, z.ZodType>)) {
    const marker = `MARK${def.type.replace(/\W/g, "")}${key}Zq7`;
    if (field.safeParse(marker).success) {
      const name = `RADIATOR_TEST_${def.type.replace(/\W/g, "_").toUpperCase()}_${key.toUpperCase()}`;
      env[name] = marker;
      config[key] = `\${${name}}`;
    }
  }
  const resolved = connectionSchema(def).parse(
    Object.fromEntries(
      Object.entries(config).map(([k, v]) => [
        k,
        typeof v === "string" && v.startsWith("${") ? env[v.slice(2, -1)] : v,
      ]),
    ),
  ) as ConnectionConfig;
  return { config, env, secrets: secretValues(def, resolved) };
}

let upstream: FakeUpstream;
let collector: CollectorProcess;
const secrets: string[] = [];
const tileIds: string[] = [];

beforeAll(async () => {
  // Echo every header and the query back, as a careless upstream might.
  upstream = await fakeUpstream({
    "*": (req) => ({
      status: req.path.length % 2 ? 401 : 500,
      json: { message: `denied for ${JSON.stringify(req.headers)} ${req.query.toString()}`, echo: req.headers },
    }),
  });
  const conns: Record<string, unknown> = {};
  const env: Record<string, string> = {};
  for (const def of connectionList) {
    const m = markedConnection(def, `${upstream.url}/${def.type}`);
    conns[`c-${def.type}`] = m.config;
    Object.assign(env, m.env);
    secrets.push(...m.secrets.filter((s) => s.length >= 6));
  }
  const tiles = sourceList
    .filter((d) => d.connection)
    .map((d) => {
      tileIds.push(d.kind);
      return {
        id: d.kind,
        title: d.kind,
        kind: d.kind,
        connection: `c-${d.connection}`,
        every: "1s",
        ...minimalParams(d.params),
      };
    });
  // A secret that is not a connection's: a check URL with a token in its path and query.
  env.RADIATOR_PING_TOKEN = "MARKpingtokenZq7";
  secrets.push(env.RADIATOR_PING_TOKEN);
  tiles.push({
    id: "ping",
    title: "ping",
    kind: "http",
    url: `${upstream.url}/ping/\${RADIATOR_PING_TOKEN}?auth=\${RADIATOR_PING_TOKEN}`,
    every: "1s",
  } as never);
  collector = await startCollector({
    config: { connections: conns, boards: [{ id: "all", title: "All", tiles }] },
    env: { ...env, RADIATOR_LOG_LEVEL: "info" },
  });
});

afterAll(async () => {
  await collector?.stop();
  await upstream?.close();
});

describe("secrets", () => {
  it("are configured for every connection type (the test would prove nothing otherwise)", () => {
    expect(Object.keys(connections).length).toBeGreaterThan(0);
    expect(secrets.length).toBeGreaterThanOrEqual(Object.keys(connections).length - 1);
  });

  it("never reach a tile, a message, an API answer, /metrics or the log", async () => {
    const seen: string[] = [];
    const ws = new WebSocket(`${collector.url.replace("http", "ws")}/ws`);
    ws.on("message", (d) => seen.push(String(d)));
    for (const id of tileIds) await collector.waitForTile(id, (t) => t.error !== undefined, 20_000);
    await collector.waitForTile("ping", (t) => t.status === "fail", 20_000);
    await new Promise((r) => setTimeout(r, 1500));
    // requests reached the upstream with credentials, so there was something to leak
    expect(upstream.requests.length).toBeGreaterThanOrEqual(tileIds.length);
    ws.close();
    seen.push(JSON.stringify(await collector.state()));
    for (const id of [...tileIds, "ping"]) seen.push(await (await fetch(`${collector.url}/api/tiles/${id}`)).text());
    seen.push(await (await fetch(`${collector.url}/metrics`)).text());
    seen.push(collector.output());
    const all = seen.join("\n");
    expect(all).toContain("answered HTTP");
    const leaked = secrets.filter((s) => all.includes(s));
    expect(leaked).toEqual([]);
    expect(all).not.toMatch(/MARK\w+Zq7/);
  });
});

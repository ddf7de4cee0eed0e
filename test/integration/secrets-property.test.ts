/**
 * Property: random secret values (regex metacharacters, unicode, URL-reserved
 * characters) in every connection type and in `${VAR}`s never appear in a
 * WebSocket message, an /api answer, /metrics, a log line, `radiator check`
 * output or an error text, against an upstream that echoes request headers and
 * URLs back in its error bodies. In-process collectors, a bounded seeded run.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import WebSocket from "ws";
import { fakeUpstream, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { connectionWithSecrets, minimalParams } from "../helpers/secret-configs.ts";
import type { ConnectionDefinition } from "../../collector/connections/define.ts";
import type { SourceDefinition } from "../../collector/sources/define.ts";

// The log is read at import: warnings ("poll failed: …") must be written for this test to see them.
process.env.RADIATOR_LOG_LEVEL = "info";
const { startServer } = await import("../../collector/server.ts");
const { main } = await import("../../collector/main.ts");
const { sources } = await import("../../collector/sources/index.ts");
const { connections } = await import("../../collector/connections/index.ts");

const SPECIAL = [..."\\^$.*+?()[]{}|/#?&=%@:;,'\"<> ", "é", "ß", "∑", "🔑", "\u00a0", "漢", "\u200d"];
/** A secret: a unique core wrapped in characters that break naive redaction (regex, URL, unicode). */
const secret = fc
  .tuple(
    fc.array(fc.constantFrom(...SPECIAL), { minLength: 1, maxLength: 4 }),
    fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789"), minLength: 10, maxLength: 10 }),
    fc.array(fc.constantFrom(...SPECIAL), { minLength: 1, maxLength: 4 }),
  )
  .map(([a, core, b]) => `${a.join("")}S${core}${b.join("")}`);

let upstream: FakeUpstream;
beforeAll(async () => {
  // Echo every header, the URL and the query back, as a careless upstream might.
  upstream = await fakeUpstream({
    "*": (req) => ({
      status: req.path.length % 2 ? 401 : 500,
      json: {
        message: `denied for ${JSON.stringify(req.headers)} at ${req.path}?${req.query.toString()}`,
        echo: req.headers,
      },
    }),
  });
});
afterAll(() => upstream?.close());

/** Stdout and stderr of this process while `fn` runs. */
async function captured<T>(fn: () => Promise<T>): Promise<{ result: T; text: string }> {
  let text = "";
  const out = process.stdout.write.bind(process.stdout),
    err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => (
    (text += String(chunk)),
    true
  )) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => (
    (text += String(chunk)),
    true
  )) as typeof process.stderr.write;
  try {
    return { result: await fn(), text };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

async function leakedIn(values: string[]): Promise<string[]> {
  const env: Record<string, string> = {};
  const conns: Record<string, unknown> = {};
  const secrets: string[] = [];
  let n = 0;
  for (const def of Object.values(connections) as ConnectionDefinition[]) {
    const m = connectionWithSecrets(
      def,
      `${upstream.url}/${def.type}`,
      () => values[n++ % values.length]!,
      "RADIATOR_PROP",
    );
    conns[`c-${def.type}`] = m.config;
    Object.assign(env, m.env);
    secrets.push(...m.secrets);
  }
  const tiles: Record<string, unknown>[] = (Object.values(sources) as SourceDefinition[])
    .filter((d) => d.connection)
    .map((d) => ({
      id: d.kind,
      title: d.kind,
      kind: d.kind,
      connection: `c-${d.connection}`,
      every: "1s",
      timeout: "1s",
      ...minimalParams(d.params),
    }));
  // Not a connection's: a check URL with a token in its user info, path and query (URL-encoded, as a URL needs it);
  // a `${VAR}` is a secret when its name says so (TOKEN, SECRET, PASSWORD…).
  const token = encodeURIComponent(values[0]!);
  env.RADIATOR_PROP_PING_TOKEN = token;
  secrets.push(token);
  const ping = `${upstream.url.replace("//", "//probe:${RADIATOR_PROP_PING_TOKEN}@")}/ping/\${RADIATOR_PROP_PING_TOKEN}?auth=\${RADIATOR_PROP_PING_TOKEN}`;
  tiles.push({ id: "ping", title: "ping", kind: "http", url: ping, every: "1s", timeout: "1s" });
  const watched = secrets.filter((s) => s.length >= 6);

  Object.assign(process.env, env);
  const dir = mkdtempSync(join(tmpdir(), "radiator-secrets-"));
  const configPath = join(dir, "config.json");
  const config = { connections: conns, boards: [{ id: "all", title: "All", tiles }] };
  writeFileSync(configPath, JSON.stringify(config));
  // A broken copy: `radiator check` must explain without echoing a secret.
  const brokenPath = join(dir, "broken.json");
  writeFileSync(
    brokenPath,
    JSON.stringify({
      ...config,
      defaults: { every: "${RADIATOR_PROP_PING_TOKEN}", timeout: `\${${Object.keys(env)[0]}}` },
    }),
  );
  const seen: string[] = [];
  try {
    const { text: logs } = await captured(async () => {
      const server = await startServer({ configPath, port: 0, host: "127.0.0.1", watch: false });
      const ws = new WebSocket(`${server.url.replace("http", "ws")}/ws`);
      ws.on("message", (d) => seen.push(String(d)));
      try {
        const deadline = Date.now() + 15_000;
        const polled = () => server.runtime.store.all().every((t) => t.error !== undefined || t.status === "fail");
        while (!polled() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        expect(polled(), "every tile has been polled into an error").toBe(true);
        await new Promise((r) => setTimeout(r, 100));
        seen.push(await (await fetch(`${server.url}/api/state`)).text());
        for (const t of tiles) seen.push(await (await fetch(`${server.url}/api/tiles/${t.id}`)).text());
        seen.push(await (await fetch(`${server.url}/metrics`)).text());
      } finally {
        ws.close();
        await server.close();
      }
      await main(["check", configPath, brokenPath]);
    });
    seen.push(logs);
  } finally {
    for (const k of Object.keys(env)) delete process.env[k];
  }
  const all = seen.join("\n");
  expect(all, "the collector said something to check").toMatch(/answered HTTP/);
  expect(all).toMatch(/broken\.json/);
  const leaked = watched.filter((s) => all.includes(s));
  if (leaked.length && process.env.SECRETS_DEBUG) {
    for (const s of leaked)
      for (const part of seen) {
        const i = part.indexOf(s);
        if (i >= 0) console.log("LEAK", s, "in:", part.slice(Math.max(0, i - 300), i + s.length + 100));
      }
  }
  return leaked;
}

describe("secrets (property)", () => {
  it("random secrets in every connection type and ${VAR} never leak", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(secret, { minLength: 3, maxLength: 3 }), async (values) => {
        expect(await leakedIn(values)).toEqual([]);
      }),
      { numRuns: 10, seed: 20261201, endOnFailure: true },
    );
  }, 120_000);
});

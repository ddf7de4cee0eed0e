/**
 * Credentials on cross-origin redirects (issue 8.4): every registered connection
 * type, filled with marker credentials, asks an upstream that redirects to a
 * second origin. That origin records what arrives: no marker, and none of the
 * headers the connection adds. The loop is over the registry, so a new
 * connection type is covered with no edit here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { connectionList, connections } from "../../collector/connections/index.ts";
import { connectionClient, connectionDefinition } from "../../collector/connections/lib/client.ts";
import { HttpClient } from "../../collector/http-client.ts";
import {
  connectionSchema,
  defineConnection,
  secretValues,
  type ConnectionConfig,
  type ConnectionDefinition,
} from "../../collector/connections/define.ts";
import { fakeUpstream, type FakeRequest, type FakeUpstream } from "../helpers/fake-upstream.ts";

let first: FakeUpstream;
let second: FakeUpstream;

/** Every field that takes a string gets a distinct marker, secret or not (a user name may be one too). */
function marked(def: ConnectionDefinition, url: string): ConnectionConfig {
  const conn: Record<string, unknown> = { type: def.type, url };
  for (const [key, field] of Object.entries(def.fields)) {
    const marker = `MARK${def.type.replace(/\W/g, "")}${key}Rd4`;
    if (z.safeParse(field, marker).success) conn[key] = marker;
  }
  // TLS fields name PEM files to read, not values to send: a marker there is no file, and the request never leaves.
  const tlsPaths = new Set(Object.values(def.tls?.(conn as ConnectionConfig) ?? {}));
  for (const key of Object.keys(conn)) if (tlsPaths.has(conn[key] as string)) delete conn[key];
  return connectionSchema(def).parse(conn) as ConnectionConfig;
}

/** All the text that reached an origin: path, query and every header. */
function arrived(reqs: FakeRequest[]): string {
  return reqs.map((r) => `${r.path}?${r.query.toString()}\n${JSON.stringify(r.headers)}`).join("\n");
}

/** A type no list in shared code knows of, with its credential in a header of its own. */
const customKey = defineConnection({
  type: "custom-key-test",
  description: "A made-up connection type sending its key in a custom header.",
  fields: { key: z.string().min(1) },
  secretFields: ["key"],
  headers: (c) => ({ "x-acme-service-key": c.key }),
});

const types: ConnectionDefinition[] = [...connectionList, customKey];

/** The collector's own client for a registered type; for the made-up one, the same client built by hand. */
function clientFor(def: ConnectionDefinition, conn: ConnectionConfig): HttpClient {
  if (connectionDefinition(def.type)) return connectionClient("redirect-test", conn).http;
  return new HttpClient({ baseUrl: conn.url, headers: def.headers(conn), secrets: secretValues(def, conn) });
}

beforeAll(async () => {
  second = await fakeUpstream({ "*": { json: { landed: true } } });
  // Every path on the first origin moves to the second, but …/same moves to …/here on the first origin.
  first = await fakeUpstream({
    "*": (req) => {
      if (req.path.endsWith("/same")) return { status: 302, headers: { location: `${first.url}/api/here` } };
      if (req.path.endsWith("/here")) return { json: { here: true } };
      return { status: 307, headers: { location: `${second.url}/landed${req.path}` } };
    },
  });
});

afterAll(async () => {
  await first?.close();
  await second?.close();
});

describe("a cross-origin redirect", () => {
  it.each(types.map((d) => [d.type, d] as const))(
    "carries none of a %s connection's headers or secrets",
    async (_type, def) => {
      const conn = marked(def, `${first.url}/api`);
      const added = Object.entries(def.headers(conn));
      const http = clientFor(def, conn);
      const before = second.requests.length;
      const res = await http.json("/anything", { query: { per_page: 1 } });
      expect(res.body).toEqual({ landed: true });
      const there = second.requests.slice(before);
      expect(there.length).toBe(1);
      // (fetch itself sends `accept: */*` when none is given: the connection's own value must be gone.)
      for (const [name, value] of added) expect(there[0]!.headers[name.toLowerCase()], name).not.toBe(value);
      const text = arrived(there);
      expect(text).not.toMatch(/MARK\w+Rd4/);
      for (const secret of secretValues(def, conn)) expect(text).not.toContain(secret);
    },
  );

  it("the markers did travel to the configured origin, so the test can tell", async () => {
    const withSecrets = types.filter((d) => secretValues(d, marked(d, first.url)).length > 0);
    expect(withSecrets.length).toBeGreaterThanOrEqual(Object.keys(connections).length - 1);
    for (const def of withSecrets) {
      const conn = marked(def, `${first.url}/api`);
      const http = clientFor(def, conn);
      const before = first.requests.length;
      await http.json("/same");
      const here = arrived(first.requests.slice(before));
      // Same origin: the connection's headers follow the redirect.
      expect(here.match(/MARK\w+Rd4|Basic [A-Za-z0-9+/=]+/g)?.length ?? 0, def.type).toBeGreaterThanOrEqual(2);
    }
  });

  it("drops the basic auth made from a URL's user:password too", async () => {
    const def: ConnectionDefinition = customKey;
    const conn = { ...marked(def, first.url), url: first.url.replace("http://", "http://urluser:MARKurlpassRd4@") };
    const http = clientFor(def, conn);
    const before = second.requests.length;
    await http.json("/x");
    const there = second.requests.slice(before);
    expect(there[0]!.headers.authorization).toBeUndefined();
    expect(arrived(there)).not.toMatch(/MARK\w+Rd4/);
  });
});

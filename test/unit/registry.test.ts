// Coverage by construction: every registered kind has its file, tests and fixtures.
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sourceList, sources } from "../../collector/sources/index.ts";
import { connections } from "../../collector/connections/index.ts";
import type { SourceDefinition } from "../../collector/sources/define.ts";
import type { ConnectionDefinition } from "../../collector/connections/define.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const kinds: [string, SourceDefinition][] = Object.entries(sources);
const types: [string, ConnectionDefinition][] = Object.entries(connections);
/** Kinds with no upstream service, so no fixtures folder. */
const NO_UPSTREAM = new Set(["demo", "host", "http", "stats", "deploy-events"]);
const reference = readFileSync(`${ROOT}docs/kinds.md`, "utf8");

describe.each(kinds)("source kind %s", (key, def) => {
  it("is registered under its own kind name, defined in a file of that name", () => {
    expect(def.kind).toBe(key);
    expect(existsSync(`${ROOT}collector/sources/${key}.ts`)).toBe(true);
  });

  it("has a unit test and a contract test", () => {
    expect(existsSync(`${ROOT}test/unit/sources/${key}.test.ts`)).toBe(true);
    expect(existsSync(`${ROOT}test/contract/${key}.test.ts`)).toBe(true);
  });

  it("names a registered connection type, or none", () => {
    if (def.connection) expect(Object.keys(connections)).toContain(def.connection);
    else expect(def.connection).toBeUndefined();
  });

  it("describes itself and every parameter for the JSON Schema and README", () => {
    expect(def.description.length).toBeGreaterThan(10);
    const undocumented = Object.entries(def.params.shape)
      .filter(([, s]) => !(s as { description?: string }).description)
      .map(([k]) => k);
    expect(undocumented).toEqual([]);
  });

  it("has notes for the reference and a section in docs/kinds.md", () => {
    expect(def.notes?.trim().length ?? 0).toBeGreaterThan(40);
    expect(reference).toContain(`\n### \`${key}\`\n`);
  });
});

describe.each(kinds.filter(([key]) => !NO_UPSTREAM.has(key)))(
  "source kind %s with an upstream service",
  (_key, def) => {
    it("has fixtures that cite the API reference they follow", () => {
      const service = def.connection!;
      expect(existsSync(`${ROOT}test/fixtures/${service}/SOURCE.md`)).toBe(true);
      expect(readFileSync(`${ROOT}test/fixtures/${service}/SOURCE.md`, "utf8")).toMatch(/https:\/\//);
    });
  },
);

describe.each(types)("connection type %s", (key, def) => {
  it("is registered under its own type name, defined in a file of that name", () => {
    expect(def.type).toBe(key);
    expect(existsSync(`${ROOT}collector/connections/${key}.ts`)).toBe(true);
  });

  it("describes itself, every key, and has notes for the reference in docs/kinds.md", () => {
    expect(def.description.length).toBeGreaterThan(10);
    const undocumented = Object.entries(def.fields)
      .filter(([, s]) => !(s as { description?: string }).description)
      .map(([k]) => k);
    expect(undocumented).toEqual([]);
    expect(def.notes?.trim().length ?? 0).toBeGreaterThan(40);
    expect(reference).toContain(`\n### Connection \`${key}\`\n`);
  });
});

describe("the README's overview of kinds", () => {
  // A curated summary, not the list: docs/kinds.md is complete. Its links must still land.
  it("links only kinds the reference has", () => {
    const linked = [...readFileSync(`${ROOT}README.md`, "utf8").matchAll(/\(docs\/kinds\.md#([a-z0-9-]+)\)/g)].map(
      (m) => m[1]!,
    );
    expect(linked.length).toBeGreaterThan(0);
    expect(linked.filter((k) => !reference.includes(`\n### \`${k}\`\n`))).toEqual([]);
  });
});

describe("folders that say what is inside", () => {
  // Shared helpers live in lib/, so listing a folder lists its kinds or connection types.
  const listing = (dir: string) =>
    readdirSync(`${ROOT}${dir}`)
      .filter((f) => f !== "lib")
      .sort();
  const expected = (keys: string[]) => [...keys.map((k) => `${k}.ts`), "define.ts", "index.ts"].sort();

  it("collector/sources/ holds the kinds, define.ts, index.ts and lib/", () => {
    expect(listing("collector/sources")).toEqual(expected(Object.keys(sources)));
  });

  it("collector/connections/ holds the connection types, define.ts, index.ts and lib/", () => {
    expect(listing("collector/connections")).toEqual(expected(Object.keys(connections)));
  });

  it("test/unit/sources/ holds one test per kind and lib/", () => {
    expect(listing("test/unit/sources")).toEqual(
      Object.keys(sources)
        .map((k) => `${k}.test.ts`)
        .sort(),
    );
  });
});

describe("the page's view map", () => {
  it("has a view for every family a source declares", () => {
    const map = readFileSync(`${ROOT}web/src/components/tiles/index.ts`, "utf8");
    for (const def of sourceList) expect(map).toMatch(new RegExp(`\\b${def.family}: \\w+Tile`));
  });
});

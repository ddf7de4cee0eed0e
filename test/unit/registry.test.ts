// Coverage by construction: every registered kind has its file, tests and fixtures.
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sources } from "../../collector/sources/index.ts";
import { connections } from "../../collector/connections/index.ts";
import type { SourceDefinition } from "../../collector/sources/define.ts";
import type { ConnectionDefinition } from "../../collector/connections/define.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const kinds = Object.entries(sources as Record<string, SourceDefinition>);
const types = Object.entries(connections as Record<string, ConnectionDefinition>);
/** Kinds with no upstream service, so no fixtures folder. */
const NO_UPSTREAM = new Set(["demo", "host", "http", "stats"]);

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
    const undocumented = Object.entries(def.params.shape).filter(([, s]) => !(s as { description?: string }).description).map(([k]) => k);
    expect(undocumented).toEqual([]);
  });

  it("is documented in the README", () => {
    expect(readFileSync(`${ROOT}README.md`, "utf8")).toContain(`\`${key}\``);
  });

});

describe.each(kinds.filter(([key]) => !NO_UPSTREAM.has(key)))("source kind %s with an upstream service", (_key, def) => {
  it("has fixtures that cite the API reference they follow", () => {
    const service = def.connection!;
    expect(existsSync(`${ROOT}test/fixtures/${service}/SOURCE.md`)).toBe(true);
    expect(readFileSync(`${ROOT}test/fixtures/${service}/SOURCE.md`, "utf8")).toMatch(/https:\/\//);
  });
});

describe.each(types)("connection type %s", (key, def) => {
  it("is registered under its own type name, defined in a file of that name", () => {
    expect(def.type).toBe(key);
    expect(existsSync(`${ROOT}collector/connections/${key}.ts`)).toBe(true);
  });
});

describe("the page's view map", () => {
  it("has a view for every family a source declares", () => {
    const map = readFileSync(`${ROOT}web/src/components/tiles/index.ts`, "utf8");
    for (const def of Object.values(sources) as SourceDefinition[]) expect(map).toMatch(new RegExp(`\\b${def.family}: \\w+Tile`));
  });
});

import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../collector/config/load.ts";
import { ConfigError } from "../../../collector/config/errors.ts";
import { buildConfig } from "../../helpers/builders.ts";

function problems(config: unknown, env: Record<string, string> = {}): string[] {
  try {
    parseConfig(typeof config === "string" ? config : JSON.stringify(config), "radiator.json", env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message.split("\n");
    throw err;
  }
  return [];
}

describe("parseConfig()", () => {
  it("accepts a minimal config and fills in the defaults", () => {
    const cfg = parseConfig(JSON.stringify(buildConfig()), "radiator.json", {}).config;
    expect(cfg.title).toBe("Test radiator");
    expect(cfg.defaults).toEqual({ every: "30s", timeout: "10s" });
    expect(cfg.connections).toEqual({});
    expect(cfg.boards[0]!.tiles[0]).toMatchObject({ kind: "demo", scenario: "build", period: "90s" });
  });

  it("names file, JSON path and problem for a bad duration", () => {
    expect(problems(buildConfig([{}, { every: "5 minutes" }]))).toEqual([
      'radiator.json: boards[0].tiles[1].every: must be a duration such as "30s", "5m" or "1h"',
    ]);
  });

  it("lists every problem, not just the first", () => {
    const list = problems(buildConfig([{ kind: "nope" }, { kind: "http", url: "ftp://x" }, { every: "soon" }]));
    expect(list).toHaveLength(3);
    expect(list[0]).toMatch(/boards\[0\]\.tiles\[0\]\.kind: unknown kind "nope"; expected one of .*demo/);
    expect(list[1]).toBe("radiator.json: boards[0].tiles[1].url: must be an http(s) URL");
    expect(list[2]).toMatch(/boards\[0\]\.tiles\[2\]\.every/);
  });

  it("reports duplicate tile and board ids together with schema problems", () => {
    const cfg = {
      boards: [
        {
          id: "a",
          title: "A",
          tiles: [
            { id: "x", title: "X", kind: "demo" },
            { id: "x", title: "X2", kind: "demo", every: "bad" },
          ],
        },
        { id: "a", title: "B", tiles: [] },
      ],
    };
    const list = problems(cfg);
    expect(list).toContain(
      'radiator.json: boards[0].tiles[1].id: duplicate tile id "x" (first used at boards[0].tiles[0])',
    );
    expect(list).toContain('radiator.json: boards[1].id: duplicate board id "a"');
    expect(list.some((l) => l.includes("tiles[1].every"))).toBe(true);
  });

  it("rejects unknown keys so typos do not pass silently", () => {
    expect(problems(buildConfig([{ evry: "5s" }]))).toEqual(['radiator.json: boards[0].tiles[0]: unknown key "evry"']);
  });

  it("gives line and column for invalid JSON", () => {
    expect(problems('{\n  "boards": [\n    {"id": "a",, }\n  ]\n}')[0]).toMatch(
      /^radiator\.json: invalid JSON at line 3, column \d+: /,
    );
  });

  it("allows comments and trailing commas", () => {
    const text = '{\n // the team board\n "boards": [{"id": "a", "title": "A", "tiles": [],},],\n}';
    expect(parseConfig(text, "radiator.json", {}).config.boards[0]!.id).toBe("a");
  });

  it("needs at least one board", () => {
    expect(problems({ boards: [] })).toEqual(["radiator.json: boards: needs at least one board"]);
  });
});

describe("${VAR} substitution", () => {
  it("replaces variables from the environment in any string", () => {
    const cfg = parseConfig(
      JSON.stringify(buildConfig([{ kind: "http", url: "http://${HOST_X}:${PORT_X}/health" }])),
      "r.json",
      { HOST_X: "example.test", PORT_X: "81" },
    ).config;
    expect((cfg.boards[0]!.tiles[0] as { url: string }).url).toBe("http://example.test:81/health");
  });

  it("uses the default after :- when the variable is unset", () => {
    const cfg = parseConfig(
      JSON.stringify(buildConfig([{ kind: "http", url: "${SELF_URL:-http://127.0.0.1:8080}/healthz" }])),
      "r.json",
      {},
    ).config;
    expect((cfg.boards[0]!.tiles[0] as { url: string }).url).toBe("http://127.0.0.1:8080/healthz");
  });

  it("names a missing variable and its path, once, without other noise", () => {
    expect(problems(buildConfig([{ kind: "http", url: "${MISSING_URL}" }]), { OTHER: "secret-value" })).toEqual([
      "radiator.json: boards[0].tiles[0].url: environment variable MISSING_URL is not set",
    ]);
  });
});

describe("a kind's own cross-parameter checks", () => {
  it("are reported by check with the tile's path (pagerduty-oncall needs schedule or escalationPolicy)", () => {
    const cfg = {
      connections: { pd: { type: "pagerduty", token: "x" } },
      boards: [
        {
          id: "a",
          title: "A",
          tiles: [{ id: "oncall", title: "On call", kind: "pagerduty-oncall", connection: "pd" }],
        },
      ],
    };
    expect(problems(cfg)).toEqual(["radiator.json: boards[0].tiles[0]: needs `schedule` or `escalationPolicy`"]);
  });
});

import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../collector/config/load.ts";
import { ConfigError } from "../../../collector/config/errors.ts";
import { planFrom } from "../../../collector/plan.ts";

function problems(config: unknown): string[] {
  try {
    parseConfig(JSON.stringify(config), "radiator.json", {});
  } catch (err) {
    if (err instanceof ConfigError) return err.message.split("\n");
    throw err;
  }
  return [];
}

const token = "deploy-token-0123456789";
const prom = { prom: { type: "prometheus", url: "http://127.0.0.1:9090" } };
const metric = (deploys: string[], extra: object = {}) => ({
  id: "latency",
  title: "p95",
  kind: "prometheus",
  connection: "prom",
  query: "up",
  deploys,
  ...extra,
});
const config = (tiles: object[], other: object[] = []) => ({
  connections: prom,
  boards: [
    {
      id: "team",
      title: "Team",
      tiles: [
        { id: "api-prod", title: "API", kind: "deploy-events", token, environments: ["production"] },
        { id: "ci", title: "CI", kind: "demo", scenario: "build" },
        { id: "ci-deploy", title: "CI", kind: "demo", scenario: "build", deploy: true },
        ...tiles,
      ],
    },
    {
      id: "ops",
      title: "Ops",
      tiles: [{ id: "elsewhere", title: "E", kind: "deploy-events", token, environments: ["x"] }, ...other],
    },
  ],
});

describe("metric tiles' deploys", () => {
  it("accepts deploy sources on the same board, with the regression defaults", () => {
    expect(problems(config([metric(["api-prod", "ci-deploy"])]))).toEqual([]);
    const plan = planFrom(parseConfig(JSON.stringify(config([metric(["api-prod"])])), "radiator.json", {}).config);
    expect(plan.tiles.find((t) => t.id === "latency")?.deploys).toEqual({
      sources: ["api-prod"],
      threshold: 0.2,
      direction: "up",
      status: "warn",
      beforeMs: 1_800_000,
      afterMs: 1_800_000,
    });
    expect(plan.tiles.find((t) => t.id === "latency")?.params.deploys).toBe(undefined);
  });

  it("names the file and JSON path of an unknown id, one on another board, one that deploys nothing", () => {
    expect(problems(config([metric(["nope", "elsewhere", "ci"])]))).toEqual([
      'radiator.json: boards[0].tiles[3].deploys[0]: no tile "nope" (deploy sources on this board: api-prod, ci-deploy)',
      'radiator.json: boards[0].tiles[3].deploys[1]: tile "elsewhere" is on board "ops"; deploys must be on the same board "team"',
      'radiator.json: boards[0].tiles[3].deploys[2]: tile "ci" (demo) is not a deploy source: mark it "deploy": true or name a deploy-events or environments tile',
    ]);
  });

  it("checks the regression keys, and offers them only to metric tiles", () => {
    expect(problems(config([metric(["api-prod"], { regression: { threshold: -1, direction: "sideways" } })]))).toEqual([
      "radiator.json: boards[0].tiles[3].regression.threshold: Too small: expected number to be >0",
      'radiator.json: boards[0].tiles[3].regression.direction: Invalid option: expected one of "up"|"down"',
    ]);
    expect(problems(config([{ id: "b", title: "B", kind: "demo", scenario: "build", deploys: ["api-prod"] }]))).toEqual(
      ['radiator.json: boards[0].tiles[3]: unknown key "deploys"'],
    );
  });

  it("keeps a deploy source's token out of everything the collector says", () => {
    expect(parseConfig(JSON.stringify(config([])), "radiator.json", {}).secrets).toContain(token);
  });
});

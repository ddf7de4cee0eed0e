import { describe, expect, it } from "vitest";
import def, { githubWeb, params } from "../../../collector/sources/github-deployments.ts";
import { fixture } from "../../helpers/fake-upstream.ts";
import { normaliseWith } from "../../helpers/normalise.ts";

const now = new Date("2026-11-29T10:00:00Z");
const p = params.parse({ repo: "acme/api", environments: ["staging", "production"] });
const status = (id: number) => fixture(`github/deployment-statuses-${id}.json`)[0];
const envs = (prodStatus: unknown) => [
  {
    environment: "staging",
    deployments: fixture("github/deployments-staging.json"),
    statuses: { 1002: status(1002), 1001: status(1001) },
  },
  {
    environment: "production",
    deployments: fixture("github/deployments-production.json"),
    statuses: { 2001: prodStatus },
  },
];

describe("github-deployments normalise", () => {
  it("a deployment with no status yet is in progress", () => {
    const f = normaliseWith(def, { envs: envs(null), compares: {}, repoUrl: "https://github.com/acme/api" }, p, {
      now,
    });
    expect(f.lanes![1]).toMatchObject({ deploy: "in_progress", status: "ok", version: null });
    expect(f.running).toBe(true);
  });

  it("an answer that is not a list of deployments fails the poll with the field named", () => {
    const bad = [{ environment: "staging", deployments: { message: "x" }, statuses: {} }];
    expect(() =>
      normaliseWith(def, { envs: bad, compares: {}, repoUrl: "https://github.com/acme/api" }, p, { now }),
    ).toThrow(/GitHub deployments answered in an unexpected shape/);
  });

  it("links to github.com from api.github.com and to the server from GitHub Enterprise", () => {
    expect(githubWeb("https://api.github.com", "acme/api")).toBe("https://github.com/acme/api");
    expect(githubWeb("https://ghe.example.com/api/v3", "acme/api")).toBe("https://ghe.example.com/acme/api");
  });
});

import { describe, expect, it } from "vitest";
import def, { gitlabWeb, params } from "../../../collector/sources/gitlab-environments.ts";
import { fixture } from "../../helpers/fake-upstream.ts";
import { normaliseWith } from "../../helpers/normalise.ts";

const now = new Date("2026-11-29T10:00:00Z");
const p = params.parse({ project: 7, environments: ["staging"] });

describe("gitlab-environments normalise", () => {
  it("a running deploy is in progress, and a project named by id gets no made-up links", () => {
    const running = fixture("gitlab/deployments-staging.json").map((d: object, i: number) =>
      i === 0 ? { ...d, status: "running" } : d,
    );
    const f = normaliseWith(
      def,
      { envs: [{ environment: "staging", detail: fixture("gitlab/environment-staging.json"), deployments: running }] },
      p,
      { now },
    );
    expect(f).toMatchObject({ running: true, status: "ok" });
    expect(f.lanes![0]).toMatchObject({ deploy: "in_progress", version: "2.1.0" });
    expect(f.url).toBeUndefined();
    expect(f.lanes![0]!.url).toBeUndefined();
  });

  it("an environment with no deployments at all is grey", () => {
    const detail = { ...fixture("gitlab/environment-staging.json"), last_deployment: null };
    const f = normaliseWith(def, { envs: [{ environment: "staging", detail, deployments: [] }] }, p, { now });
    expect(f).toMatchObject({ status: "unknown", error: "staging: no deployments to this environment" });
  });

  it("the web address comes from the API root", () => {
    expect(gitlabWeb("https://gitlab.example.com/api/v4", "acme/shop")).toBe("https://gitlab.example.com/acme/shop");
    expect(gitlabWeb(undefined, 7)).toBeUndefined();
  });
});

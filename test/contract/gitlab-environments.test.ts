// gitlab-environments against a fake GitLab API replaying documented Environments and Deployments bodies.
import { afterEach, describe, expect, it } from "vitest";
import {
  fakeUpstream,
  fixture,
  type FakeAnswer,
  type FakeHandler,
  type FakeUpstream,
} from "../helpers/fake-upstream.ts";
import { pollTile } from "../helpers/poll.ts";

const now = new Date("2026-11-29T10:00:00Z");
let up: FakeUpstream;
afterEach(() => up?.close());
const gl = () => ({ type: "gitlab", url: `${up.url}/api/v4`, token: "glpat-secret123456" });
const P = "/api/v4/projects/acme%2Fshop";
const params = { project: "acme/shop", environments: ["staging", "production"] };

function routes(production = "gitlab/deployments-production.json"): Record<string, FakeHandler | FakeAnswer> {
  const lists: Record<string, string> = { staging: "gitlab/deployments-staging.json", production };
  return {
    [`GET ${P}/environments`]: (req) =>
      req.query.get("page") === "2"
        ? { json: fixture("gitlab/environments-page2.json"), headers: { "x-page": "2", "x-next-page": "" } }
        : { json: fixture("gitlab/environments-page1.json"), headers: { "x-page": "1", "x-next-page": "2" } },
    [`GET ${P}/environments/2`]: { json: fixture("gitlab/environment-staging.json") },
    [`GET ${P}/environments/3`]: { json: fixture("gitlab/environment-production.json") },
    [`GET ${P}/deployments`]: (req) => ({ json: fixture(lists[req.query.get("environment")!]!) }),
  };
}

describe("gitlab-environments", () => {
  it("pages through the environments, then reads each one's last deployment and newest deployments", async () => {
    up = await fakeUpstream(routes());
    const f = await pollTile("gitlab-environments", params, gl(), { now });
    expect(up.hits(`GET ${P}/environments`).map((r) => Object.fromEntries(r.query))).toEqual([
      { per_page: "100" },
      { per_page: "100", page: "2" },
    ]);
    expect(Object.fromEntries(up.hits(`GET ${P}/deployments`)[0]!.query)).toEqual({
      environment: "staging",
      order_by: "id",
      sort: "desc",
      per_page: "5",
    });
    for (const r of up.requests) expect(r.headers["private-token"]).toBe("glpat-secret123456");
    expect(up.requests).toHaveLength(6);
    // production on 2.0.0, staging got 2.1.0 on 28 Nov 14:06: behind for 19 h 54 min, under the 1 d default
    expect(f).toMatchObject({ status: "ok", summary: "production on 2.0.0" });
    expect(f.url).toBe(`${up.url}/acme/shop/-/environments`);
    expect(f.lanes![0]).toEqual({
      environment: "staging",
      version: "2.1.0",
      deploy: "succeeded",
      status: "ok",
      at: "2026-11-28T14:06:00.000Z",
      by: "alice",
      url: `${up.url}/acme/shop/-/environments/2`,
      recent: [
        {
          title: "2.1.0",
          status: "ok",
          detail: "succeeded · alice",
          at: "2026-11-28T14:06:00.000Z",
          url: "https://gitlab.example.com/acme/shop/-/jobs/910",
        },
        {
          title: "2.0.0",
          status: "ok",
          detail: "succeeded · bob",
          at: "2026-11-24T09:05:00.000Z",
          url: "https://gitlab.example.com/acme/shop/-/jobs/880",
        },
      ],
    });
  });

  it("production behind staging for longer than behindWarnAfter is amber", async () => {
    up = await fakeUpstream(routes());
    const f = await pollTile("gitlab-environments", { ...params, behindWarnAfter: "12h" }, gl(), { now });
    expect(f).toMatchObject({ status: "warn", summary: "production is behind staging for 19 h 54 min" });
  });

  it("a failed newest deploy is red; a canceled one is passed over; what runs stays the last success", async () => {
    up = await fakeUpstream(routes("gitlab/deployments-production-failed.json"));
    const f = await pollTile("gitlab-environments", params, gl(), { now });
    expect(f.status).toBe("fail");
    expect(f.summary).toBe("production deploy of 2.1.0 failed · carol · 19 min ago");
    expect(f.lanes![1]).toMatchObject({ version: "2.0.0", deploy: "failed", status: "fail" });
    expect(f.lanes![1]!.recent!.map((r) => r.detail)).toEqual([
      "failed · carol",
      "canceled · carol",
      "succeeded · bob",
    ]);
  });

  it("an unknown deployment status is grey with the reason", async () => {
    const odd = fixture("gitlab/deployments-production.json").map((d: object) => ({ ...d, status: "exploded" }));
    up = await fakeUpstream({
      ...routes(),
      [`GET ${P}/deployments`]: (req) => ({
        json: req.query.get("environment") === "production" ? odd : fixture("gitlab/deployments-staging.json"),
      }),
    });
    const f = await pollTile("gitlab-environments", params, gl(), { now });
    expect(f.status).toBe("unknown");
    expect(f.error).toBe('production: unknown GitLab deployment status "exploded"');
  });

  it("an environment the project does not have is grey, named", async () => {
    up = await fakeUpstream(routes());
    const f = await pollTile("gitlab-environments", { ...params, environments: ["staging", "prod"] }, gl(), { now });
    expect(f).toMatchObject({ status: "unknown", error: "prod: no such environment" });
  });

  it("a 401 names the token, never its value", async () => {
    up = await fakeUpstream({ [`GET ${P}/environments`]: { status: 401, json: { message: "401 Unauthorized" } } });
    const err = await pollTile("gitlab-environments", params, gl(), { now }).catch((e: Error) => e);
    expect(String(err)).toMatch(/token rejected/);
    expect(String(err)).not.toContain("glpat-secret123456");
  });
});

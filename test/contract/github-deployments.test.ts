// github-deployments against a fake GitHub API replaying documented Deployments, statuses and Compare bodies.
import { afterEach, describe, expect, it } from "vitest";
import { fakeUpstream, fixture, type FakeAnswer, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { makeClient, pollTile } from "../helpers/poll.ts";

const now = new Date("2026-11-29T10:00:00Z");
let up: FakeUpstream;
afterEach(() => up?.close());
const gh = () => ({ type: "github", url: up.url, token: "ghp_secret123456" });
const R = "/repos/acme/api";
const SHA143 = "b3cbd5bbd7e81436d2eee04537ea2b4c0cad4cdf";
const SHA142 = "a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d";
const params = { repo: "acme/api", environments: ["staging", "production"] };

function routes(
  production = "github/deployments-production.json",
): Record<string, FakeAnswer | ((r: any) => FakeAnswer)> {
  const byEnv: Record<string, string> = { staging: "github/deployments-staging.json", production };
  const r: Record<string, FakeAnswer | ((req: any) => FakeAnswer)> = {
    [`GET ${R}/deployments`]: (req) => ({
      json: fixture(byEnv[req.query.get("environment")]!),
      headers: { etag: '"d1"' },
    }),
    [`GET ${R}/compare/${SHA143}...${SHA142}`]: { json: fixture("github/compare-behind.json") },
  };
  for (const id of [1001, 1002, 2001, 2002])
    r[`GET ${R}/deployments/${id}/statuses`] = { json: fixture(`github/deployment-statuses-${id}.json`) };
  return r;
}

describe("github-deployments", () => {
  it("lanes per environment; production 3 commits behind staging for 2 d is amber", async () => {
    up = await fakeUpstream(routes());
    const f = await pollTile("github-deployments", { ...params, behindWarnAfter: "1d" }, gh(), { now });
    const lists = up.hits(`GET ${R}/deployments`);
    expect(lists.map((q) => Object.fromEntries(q.query))).toEqual([
      { environment: "staging", per_page: "5" },
      { environment: "production", per_page: "5" },
    ]);
    for (const q of up.requests) {
      expect(q.headers.authorization).toBe("Bearer ghp_secret123456");
      expect(q.headers.accept).toBe("application/vnd.github+json");
    }
    expect(up.hits(`GET ${R}/deployments/1002/statuses`)[0]!.query.get("per_page")).toBe("1");
    expect(up.hits(`GET ${R}/compare/${SHA143}...${SHA142}`)).toHaveLength(1);
    expect(f.status).toBe("warn");
    expect(f.summary).toBe("production is 3 commits behind staging for 2 d");
    expect(f.since).toBe("2026-11-27T09:05:00Z");
    expect(f.lanes).toEqual([
      {
        environment: "staging",
        version: "v1.4.3",
        deploy: "succeeded",
        status: "ok",
        at: "2026-11-27T09:05:00Z",
        by: "alice",
        url: `${up.url}/acme/api/deployments/staging`,
        recent: [
          {
            title: "v1.4.3",
            status: "ok",
            detail: "succeeded · alice · Deployment finished successfully.",
            at: "2026-11-27T09:05:00Z",
            url: "https://github.com/acme/api/actions/runs/5002/job/1",
          },
          {
            title: "v1.4.2",
            detail: "replaced · bob",
            at: "2026-11-27T09:05:00Z",
            url: "https://github.com/acme/api/actions/runs/5001/job/1",
          },
        ],
      },
      expect.objectContaining({ environment: "production", version: "v1.4.2", behind: 3, status: "warn" }),
    ]);
  });

  it("behind for less than behindWarnAfter stays green", async () => {
    up = await fakeUpstream(routes());
    const f = await pollTile("github-deployments", { ...params, behindWarnAfter: "3d" }, gh(), { now });
    expect(f.status).toBe("ok");
    expect(f.summary).toBe("production on v1.4.2");
  });

  it("a failed latest deploy to production is red, and what runs there is still the last success", async () => {
    up = await fakeUpstream(routes("github/deployments-production-failed.json"));
    const f = await pollTile("github-deployments", params, gh(), { now });
    expect(f.status).toBe("fail");
    expect(f.summary).toBe("production deploy of v1.4.3 failed · carol · 12 min ago");
    expect(f.people).toEqual(["carol"]);
    expect(f.lanes![1]).toMatchObject({ deploy: "failed", status: "fail", version: "v1.4.2" });
  });

  it("an unknown deployment state is grey with the reason, never green", async () => {
    up = await fakeUpstream({
      ...routes(),
      [`GET ${R}/deployments/2001/statuses`]: {
        json: [{ ...fixture("github/deployment-statuses-2001.json")[0], state: "exploded" }],
      },
    });
    const f = await pollTile("github-deployments", params, gh(), { now });
    expect(f.status).toBe("unknown");
    expect(f.error).toBe('production: unknown GitHub deployment state "exploded"');
  });

  it("an environment with no deployments is grey", async () => {
    up = await fakeUpstream(routes());
    up.route(`GET ${R}/deployments`, (req) =>
      req.query.get("environment") === "qa" ? { json: [] } : { json: fixture("github/deployments-staging.json") },
    );
    const g = await pollTile("github-deployments", { repo: "acme/api", environments: ["staging", "qa"] }, gh(), {
      now,
    });
    expect(g.status).toBe("unknown");
    expect(g.error).toBe("qa: no deployments to this environment");
  });

  it("pages on (Link rel=next) while no deployment succeeded, then stops", async () => {
    const failedOnly = [fixture("github/deployments-production-failed.json")[0]];
    const older = fixture("github/deployments-production.json");
    up = await fakeUpstream({
      ...routes(),
      [`GET ${R}/deployments`]: (req) =>
        req.query.get("environment") === "staging"
          ? { json: fixture("github/deployments-staging.json") }
          : req.query.get("page") === "2"
            ? { json: older }
            : {
                json: failedOnly,
                headers: { link: `<${up.url}${R}/deployments?environment=production&per_page=1&page=2>; rel="next"` },
              },
    });
    const f = await pollTile("github-deployments", { ...params, recent: 1 }, gh(), { now });
    const prod = up.hits(`GET ${R}/deployments`).filter((q) => q.query.get("environment") === "production");
    expect(prod.map((q) => q.query.get("page"))).toEqual([null, "2"]);
    expect(f.lanes![1]).toMatchObject({ version: "v1.4.2", deploy: "failed" });
  });

  it("sends If-None-Match on the next poll and a 304 reuses the answer", async () => {
    up = await fakeUpstream(routes());
    const client = makeClient(gh());
    await pollTile("github-deployments", params, gh(), { now, http: client.http });
    up.route(`GET ${R}/deployments`, (req) =>
      req.headers["if-none-match"] === '"d1"' ? { status: 304 } : { status: 500, body: "no etag" },
    );
    const f = await pollTile("github-deployments", params, gh(), { now, http: client.http });
    expect(f.status).toBe("warn");
    expect(client.http.counters.notModified).toBe(2);
  });

  it("rejects params without environments with a clear error", async () => {
    up = await fakeUpstream(routes());
    await expect(pollTile("github-deployments", { repo: "acme/api", environments: [] }, gh(), { now })).rejects.toThrow(
      /name at least one environment/,
    );
  });
});

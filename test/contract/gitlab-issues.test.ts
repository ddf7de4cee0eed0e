// gitlab-issues against a fake GitLab API replaying documented bodies and pagination headers.
import { afterEach, describe, expect, it } from "vitest";
import { fakeUpstream, fixture, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { makeClient, pollTile } from "../helpers/poll.ts";

const now = new Date("2026-11-29T10:00:00Z");
let up: FakeUpstream;
afterEach(() => up?.close());
const gl = () => ({ type: "gitlab", url: `${up.url}/api/v4`, token: "glpat-secret123456" });
const ISSUES = "GET /api/v4/projects/acme%2Fops/issues";
const pageHeaders = (total?: number) => ({
  ...(total !== undefined ? { "x-total": String(total), "x-total-pages": String(Math.ceil(total / 2)) } : {}),
  "x-per-page": "2",
  "x-page": "1",
  "x-next-page": "2",
  "x-prev-page": "",
  link: '<https://gitlab.com/api/v4/projects/4/issues?page=2&per_page=2>; rel="next"',
});

describe("gitlab-issues", () => {
  it("takes the count from X-Total and reads only the first page", async () => {
    up = await fakeUpstream({ [ISSUES]: { json: fixture("gitlab/project-issues.json"), headers: pageHeaders(14) } });
    const f = await pollTile(
      "gitlab-issues",
      { project: "acme/ops", labels: ["ops", "ci"], limit: 2, warn: 10 },
      gl(),
      { now },
    );
    expect(up.requests).toHaveLength(1);
    const [req] = up.requests;
    expect(req!.headers["private-token"]).toBe("glpat-secret123456");
    expect(Object.fromEntries(req!.query)).toEqual({
      state: "opened",
      labels: "ops,ci",
      order_by: "created_at",
      sort: "desc",
      per_page: "2",
    });
    expect(f).toMatchObject({ status: "warn", value: 14, summary: "14 open issues (warn at 10)" });
    expect(f.items).toHaveLength(2);
  });

  it("past 10,000 results (no X-Total) counts with the issues statistics", async () => {
    up = await fakeUpstream({
      [ISSUES]: { json: fixture("gitlab/project-issues.json"), headers: pageHeaders() },
      "GET /api/v4/projects/acme%2Fops/issues_statistics": { json: fixture("gitlab/issues-statistics.json") },
    });
    const f = await pollTile("gitlab-issues", { project: "acme/ops", labels: ["ops"], fail: 10000 }, gl(), { now });
    expect(up.hits("GET /api/v4/projects/acme%2Fops/issues_statistics")[0]!.query.get("labels")).toBe("ops");
    expect(f).toMatchObject({ status: "fail", value: 11030 });
  });

  it("an empty project is ok", async () => {
    up = await fakeUpstream({ [ISSUES]: { json: [], headers: { "x-total": "0", "x-next-page": "" } } });
    expect(await pollTile("gitlab-issues", { project: "acme/ops" }, gl(), { now })).toMatchObject({
      status: "ok",
      value: 0,
      items: [],
    });
  });

  it("a numeric project id goes into the path as is", async () => {
    up = await fakeUpstream({ "GET /api/v4/projects/4/issues": { json: [], headers: { "x-total": "0" } } });
    await pollTile("gitlab-issues", { project: 4, state: "all" }, gl(), { now });
    expect(up.requests[0]!.query.get("state")).toBe("all");
  });

  it("a 401 names the token, never its value", async () => {
    up = await fakeUpstream({ [ISSUES]: { status: 401, json: { message: "401 Unauthorized" } } });
    const err = await pollTile("gitlab-issues", { project: "acme/ops" }, gl(), { now }).catch((e: Error) => e);
    expect(String(err)).toMatch(/token rejected/);
    expect(String(err)).not.toContain("glpat-secret123456");
  });

  it("a 429 with Retry-After fails the poll and holds off", async () => {
    up = await fakeUpstream({
      [ISSUES]: { status: 429, headers: { "retry-after": "30", "ratelimit-remaining": "0" }, body: "Retry later" },
    });
    const client = makeClient(gl());
    await expect(
      pollTile("gitlab-issues", { project: "acme/ops" }, gl(), { now, http: client.http }),
    ).rejects.toMatchObject({ code: "rate-limited" });
    await expect(pollTile("gitlab-issues", { project: "acme/ops" }, gl(), { now, http: client.http })).rejects.toThrow(
      /rate limited until/,
    );
    expect(up.requests).toHaveLength(1);
  });

  it.each([
    ["not JSON", { body: "<html>502</html>", headers: { "x-total": "3" } }, /malformed JSON/],
    ["an object instead of a list", { json: { issues: [] }, headers: { "x-total": "3" } }, /unexpected shape/],
    [
      "an issue without iid",
      {
        json: [{ title: "x", web_url: "https://gitlab.com/x", created_at: "2026-11-29T07:00:00Z" }],
        headers: { "x-total": "1" },
      },
      /unexpected shape: 0.iid/,
    ],
  ])("an answer with %s fails the poll", async (_, answer, message) => {
    up = await fakeUpstream({ [ISSUES]: answer });
    await expect(pollTile("gitlab-issues", { project: "acme/ops" }, gl(), { now })).rejects.toThrow(message);
  });
});

// github-issues against a fake GitHub search API replaying documented bodies.
import { afterEach, describe, expect, it } from "vitest";
import { fakeUpstream, fixture, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { makeClient, pollTile } from "../helpers/poll.ts";

const now = new Date("2026-11-29T10:00:00Z");
let up: FakeUpstream;
afterEach(() => up?.close());
const gh = () => ({ type: "github", url: up.url, token: "ghp_secret123456" });
const query = "repo:acme/ops is:open label:ops";

describe("github-issues", () => {
  it("asks one page as large as the tile shows and takes the count from total_count", async () => {
    up = await fakeUpstream({
      "GET /search/issues": {
        json: fixture("github/search-issues.json"),
        headers: { link: `<${"https://api.github.com/search/issues?q=x&page=2"}>; rel="next"` },
      },
    });
    const f = await pollTile("github-issues", { query, limit: 3, warn: 50 }, gh(), { now });
    expect(up.requests).toHaveLength(1);
    const [req] = up.requests;
    expect(req!.headers.authorization).toBe("Bearer ghp_secret123456");
    expect(Object.fromEntries(req!.query)).toEqual({ q: query, sort: "created", order: "desc", per_page: "3" });
    expect(f).toMatchObject({ status: "warn", value: 57, summary: "57 issues (warn at 50)" });
    expect(f.items).toHaveLength(3);
  });

  it("an empty result is ok", async () => {
    up = await fakeUpstream({ "GET /search/issues": { json: fixture("github/search-issues-empty.json") } });
    expect(await pollTile("github-issues", { query, warn: 1 }, gh(), { now })).toMatchObject({
      status: "ok",
      value: 0,
      items: [],
    });
  });

  it("an incomplete search is unknown with the reason named", async () => {
    up = await fakeUpstream({ "GET /search/issues": { json: fixture("github/search-issues-incomplete.json") } });
    const f = await pollTile("github-issues", { query, fail: 10 }, gh(), { now });
    expect(f.status).toBe("unknown");
    expect(f.error).toMatch(/incomplete/);
  });

  it("sends If-None-Match and keeps the tile on a 304", async () => {
    let n = 0;
    up = await fakeUpstream({
      "GET /search/issues": (req) =>
        n++ === 0
          ? { json: fixture("github/search-issues.json"), headers: { etag: 'W/"abc"' } }
          : { status: req.headers["if-none-match"] === 'W/"abc"' ? 304 : 500 },
    });
    const client = makeClient(gh());
    await pollTile("github-issues", { query }, gh(), { now, http: client.http });
    const f = await pollTile("github-issues", { query }, gh(), { now, http: client.http });
    expect(f.value).toBe(57);
    expect(client.http.counters.notModified).toBe(1);
  });

  it("a 401 names the token, never its value", async () => {
    up = await fakeUpstream({ "GET /search/issues": { status: 401, json: { message: "Bad credentials" } } });
    const err = await pollTile("github-issues", { query }, gh(), { now }).catch((e: Error) => e);
    expect(String(err)).toMatch(/token rejected/);
    expect(String(err)).not.toContain("ghp_secret123456");
  });

  it.each([429, 403])("a %d with Retry-After (a secondary limit) fails the poll and holds off", async (status) => {
    up = await fakeUpstream({
      "GET /search/issues": {
        status,
        headers: { "retry-after": "60" },
        json: { message: "You have exceeded a secondary rate limit." },
      },
    });
    const client = makeClient(gh());
    await expect(pollTile("github-issues", { query }, gh(), { now, http: client.http })).rejects.toMatchObject({
      code: "rate-limited",
    });
    await expect(pollTile("github-issues", { query }, gh(), { now, http: client.http })).rejects.toThrow(
      /rate limited until/,
    );
    expect(up.requests).toHaveLength(1);
  });

  it.each([
    ["not JSON", { body: "oops" }, /malformed JSON/],
    ["no total_count", { json: { items: [] } }, /unexpected shape: total_count/],
    [
      "an item without a number",
      { json: { total_count: 1, incomplete_results: false, items: [{ title: "x" }] } },
      /unexpected shape: items.0.number/,
    ],
  ])("an answer with %s fails the poll", async (_, answer, message) => {
    up = await fakeUpstream({ "GET /search/issues": answer });
    await expect(pollTile("github-issues", { query }, gh(), { now })).rejects.toThrow(message);
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { HttpClient, UpstreamError } from "../../collector/http-client.ts";
import { fakeUpstream, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { freePort } from "../helpers/collector-process.ts";

let up: FakeUpstream;
afterEach(async () => up?.close());

async function failure(p: Promise<unknown>): Promise<UpstreamError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof UpstreamError) return err;
    throw err;
  }
  throw new Error("expected the call to fail");
}

describe("HttpClient", () => {
  it("sends the connection's headers and query parameters", async () => {
    up = await fakeUpstream({ "GET /api/x": { json: { ok: true } } });
    const http = new HttpClient({ baseUrl: `${up.url}/api`, headers: { authorization: "Bearer s3cret-token" } });
    const res = await http.json("/x", { query: { per_page: 5, branch: "main", skip: undefined } });
    expect(res.body).toEqual({ ok: true });
    expect(up.requests[0]!.headers.authorization).toBe("Bearer s3cret-token");
    expect(up.requests[0]!.query.toString()).toBe("per_page=5&branch=main");
  });

  it("leaves no timer and no listener on the poll's signal once a request has ended", async () => {
    up = await fakeUpstream({ "GET /x": { json: { ok: true } } });
    const http = new HttpClient({ baseUrl: up.url, timeoutMs: 60_000 });
    const poll = new AbortController();
    const added: string[] = [];
    const removed: string[] = [];
    const add = poll.signal.addEventListener.bind(poll.signal);
    const remove = poll.signal.removeEventListener.bind(poll.signal);
    poll.signal.addEventListener = ((...args: Parameters<typeof add>) => {
      added.push(args[0]);
      add(...args);
    }) as typeof add;
    poll.signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
      removed.push(args[0]);
      remove(...args);
    }) as typeof remove;
    const setSpy = vi.spyOn(globalThis, "setTimeout");
    const clearSpy = vi.spyOn(globalThis, "clearTimeout");
    try {
      for (let i = 0; i < 5; i++) await http.json("/x", { signal: poll.signal });
      // the request's own 60 s timeout timers, each cleared when its request ended
      const mine = setSpy.mock.results.filter((_, i) => setSpy.mock.calls[i]![1] === 60_000).map((r) => r.value);
      expect(mine.length).toBe(5);
      const cleared = new Set(clearSpy.mock.calls.map((c) => c[0]));
      expect(mine.every((t) => cleared.has(t))).toBe(true);
    } finally {
      setSpy.mockRestore();
      clearSpy.mockRestore();
    }
    expect(added.filter((t) => t === "abort").length).toBe(5);
    expect(removed.filter((t) => t === "abort").length).toBe(5);
  });

  it("sends If-None-Match and reuses the cached body on 304", async () => {
    up = await fakeUpstream({
      "GET /runs": (req) =>
        req.headers["if-none-match"] === '"v1"' ? { status: 304 } : { json: { n: 1 }, headers: { etag: '"v1"' } },
    });
    const http = new HttpClient({ baseUrl: up.url });
    const first = await http.json("/runs");
    const second = await http.json("/runs");
    expect(first.notModified).toBe(false);
    expect(second).toMatchObject({ notModified: true, body: { n: 1 }, status: 200 });
    expect(http.counters).toEqual({ requests: 2, notModified: 1 });
  });

  it("waits out a 429 with Retry-After instead of hammering", async () => {
    up = await fakeUpstream({
      "GET /x": { status: 429, headers: { "retry-after": "120" }, json: { message: "slow down" } },
    });
    const now = Date.parse("2026-11-29T14:03:00Z");
    const http = new HttpClient({ baseUrl: up.url, now: () => now });
    const first = await failure(http.json("/x"));
    expect(first).toMatchObject({ code: "rate-limited", retryAt: now + 120_000 });
    expect(first.message).toMatch(/^rate limited until 14:05 UTC/);
    const second = await failure(http.json("/x"));
    expect(second.code).toBe("rate-limited");
    expect(up.requests).toHaveLength(1);
  });

  it("treats a 403 with X-RateLimit-Remaining: 0 as a rate limit until the reset", async () => {
    const reset = Math.floor(Date.parse("2026-11-29T15:00:00Z") / 1000);
    up = await fakeUpstream({
      "GET /x": {
        status: 403,
        headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) },
        json: { message: "API rate limit exceeded" },
      },
    });
    const http = new HttpClient({ baseUrl: up.url });
    const err = await failure(http.json("/x"));
    expect(err.code).toBe("rate-limited");
    expect(err.message).toMatch(/rate limited until 15:00 UTC/);
    expect(http.rateLimit).toMatchObject({ remaining: 0, resetAt: reset * 1000 });
  });

  it("waits a minute, not the primary window's hour, on a secondary-limit 403 without Retry-After", async () => {
    const now = Date.parse("2026-11-29T14:00:00Z");
    const reset = Math.floor(Date.parse("2026-11-29T15:00:00Z") / 1000);
    up = await fakeUpstream({
      "GET /x": {
        status: 403,
        headers: { "x-ratelimit-remaining": "4000", "x-ratelimit-reset": String(reset) },
        json: { message: "You have exceeded a secondary rate limit" },
      },
    });
    const err = await failure(new HttpClient({ baseUrl: up.url, now: () => now }).json("/x"));
    expect(err).toMatchObject({ code: "rate-limited", retryAt: now + 60_000 });
  });

  it("keeps GitHub's rate-limit resources apart: a spent search budget does not block core requests", async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 600);
    up = await fakeUpstream({
      "GET /search/issues": {
        json: { total_count: 1 },
        headers: { "x-ratelimit-resource": "search", "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset },
      },
      "GET /repos/acme/api/actions/runs": {
        json: { workflow_runs: [] },
        headers: { "x-ratelimit-resource": "core", "x-ratelimit-remaining": "4999", "x-ratelimit-reset": reset },
      },
    });
    const http = new HttpClient({ baseUrl: up.url });
    await http.json("/search/issues");
    const blocked = await failure(http.json("/search/issues"));
    expect(blocked.code).toBe("rate-limited");
    const core = await http.json("/repos/acme/api/actions/runs");
    expect(core.status).toBe(200);
    expect(up.hits("GET /search/issues")).toHaveLength(1);
  });

  it("says 'token rejected' on 401 and never repeats the token", async () => {
    up = await fakeUpstream({ "GET /x": { status: 401, json: { message: "Bad credentials for token s3cret-token" } } });
    const http = new HttpClient({
      baseUrl: up.url,
      headers: { authorization: "Bearer s3cret-token" },
      secrets: ["s3cret-token"],
    });
    const err = await failure(http.json("/x"));
    expect(err.code).toBe("auth");
    expect(err.message).toMatch(/^token rejected: 127\.0\.0\.1:\d+\/x answered HTTP 401/);
    expect(err.message).not.toContain("s3cret-token");
  });

  it("includes the upstream's own message for other errors, redacted", async () => {
    up = await fakeUpstream({
      "GET /x": { status: 503, json: { message: "maintenance; key=abc123 token s3cret-token" } },
    });
    const http = new HttpClient({ baseUrl: up.url, secrets: ["s3cret-token"] });
    const err = await failure(http.json("/x"));
    expect(err.message).toMatch(/HTTP 503 Service Unavailable: maintenance/);
    expect(err.message).not.toContain("s3cret-token");
  });

  it("stops reading a body over the size limit", async () => {
    up = await fakeUpstream({ "GET /big": { body: "x".repeat(300_000), headers: { "content-type": "text/plain" } } });
    const http = new HttpClient({ baseUrl: up.url, maxBytes: 100_000 });
    const err = await failure(http.text("/big"));
    expect(err.code).toBe("too-large");
    expect(err.message).toMatch(/over the 98 KiB limit|more than the 98 KiB limit/);
  });

  it("times out a server that never answers", async () => {
    up = await fakeUpstream({ "GET /hang": { hang: true } });
    const http = new HttpClient({ baseUrl: up.url, timeoutMs: 200 });
    const err = await failure(http.json("/hang"));
    expect(err).toMatchObject({ code: "timeout" });
    expect(err.message).toMatch(/did not answer within 0\.2 s/);
  });

  it("calls malformed JSON a parse error, not a crash", async () => {
    up = await fakeUpstream({ "GET /x": { body: "{not json", headers: { "content-type": "application/json" } } });
    const err = await failure(new HttpClient({ baseUrl: up.url }).json("/x"));
    expect(err.code).toBe("parse");
    expect(err.message).toMatch(/malformed JSON/);
  });

  it("names an unreachable host without leaking credentials in the URL", async () => {
    const http = new HttpClient({ timeoutMs: 2000 });
    const port = await freePort();
    const err = await failure(http.json(`http://user:pw@127.0.0.1:${port}/x?token=abc`));
    expect(err.code).toBe("network");
    expect(err.message).toBe(
      `127.0.0.1:${port} refused the connection: nothing listens on that port, or a firewall rejects it`,
    );
    expect(err.message).not.toMatch(/pw|abc/);
  });

  it("sends user:password in a URL as basic auth", async () => {
    up = await fakeUpstream({ "GET /cc.xml": { body: "<Projects/>" } });
    const res = await new HttpClient().text(`http://ci:pa%24s@127.0.0.1:${up.port}/cc.xml`);
    expect(res.body).toBe("<Projects/>");
    expect(up.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from("ci:pa$s").toString("base64")}`);
  });

  it("follows redirects but drops credentials on another origin", async () => {
    const other = await fakeUpstream({ "GET /final": { json: { here: true } } });
    up = await fakeUpstream({ "GET /start": { status: 302, headers: { location: `${other.url}/final` } } });
    try {
      const http = new HttpClient({ baseUrl: up.url, headers: { authorization: "Bearer t0ken-value" } });
      const res = await http.json("/start");
      expect(res.body).toEqual({ here: true });
      expect(up.requests[0]!.headers.authorization).toBe("Bearer t0ken-value");
      expect(other.requests[0]!.headers.authorization).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});

describe("EtagCache", () => {
  it("stays bounded by count as run-specific URLs keep coming", async () => {
    const { EtagCache, MAX_ENTRIES } = await import("../../collector/etag-cache.ts");
    const cache = new EtagCache();
    const n = MAX_ENTRIES + 1000;
    for (let i = 0; i < n; i++)
      cache.set(`https://api.example/runs/${i}/jobs`, {
        etag: `"${i}"`,
        text: "{}",
        status: 200,
        headers: new Headers(),
      });
    expect(cache.size).toBe(MAX_ENTRIES);
    expect(cache.get(`https://api.example/runs/${n - 1}/jobs`)?.etag).toBe(`"${n - 1}"`);
    expect(cache.get("https://api.example/runs/0/jobs")).toBeUndefined();
  });

  it("keeps every URL of a 500-tile board polled in turn (each poll a 304, not a miss)", async () => {
    const { EtagCache } = await import("../../collector/etag-cache.ts");
    const cache = new EtagCache();
    const answer = (i: number) => ({ etag: `"${i}"`, text: "[]", status: 200, headers: new Headers() });
    for (let i = 0; i < 500; i++) cache.set(`https://am.example/api/v2/alerts?t=${i}`, answer(i));
    let hits = 0;
    for (let i = 0; i < 500; i++) if (cache.get(`https://am.example/api/v2/alerts?t=${i}`)) hits++;
    expect(hits).toBe(500);
  });

  it("evicts the least recently used answer: a URL answered from the cache stays", async () => {
    const { EtagCache, MAX_ENTRIES } = await import("../../collector/etag-cache.ts");
    const cache = new EtagCache();
    const answer = (i: number) => ({ etag: `"${i}"`, text: "{}", status: 200, headers: new Headers() });
    for (let i = 0; i < MAX_ENTRIES; i++) cache.set(`https://api.example/${i}`, answer(i));
    expect(cache.get("https://api.example/0")?.etag).toBe('"0"');
    cache.set("https://api.example/new", answer(-1));
    expect(cache.get("https://api.example/0")?.etag).toBe('"0"');
    expect(cache.get("https://api.example/1")).toBeUndefined();
    expect(cache.size).toBe(MAX_ENTRIES);
  });

  it("stays bounded by size", async () => {
    const { EtagCache } = await import("../../collector/etag-cache.ts");
    const cache = new EtagCache();
    const big = "x".repeat(5 * 1024 * 1024);
    for (let i = 0; i < 5; i++)
      cache.set(`https://api.example/big/${i}`, { etag: `"${i}"`, text: big, status: 200, headers: new Headers() });
    expect(cache.size).toBe(3);
  });
});

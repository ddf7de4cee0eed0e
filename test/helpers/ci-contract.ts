/**
 * Shared pieces of the CI kinds' contract tests: ETag-aware routes that answer
 * 304, the bad-upstream cases every kind must survive, and a tally of requests
 * saved by conditional requests (written to $RADIATOR_REQUEST_TALLY when set).
 */
import { appendFileSync } from "node:fs";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeUpstream, type FakeAnswer, type FakeHandler, type FakeUpstream } from "./fake-upstream.ts";
import { pollTile } from "./poll.ts";
import { connectionClient, connectionDefinition } from "../../collector/connections/lib/client.ts";
import { connectionSchema, type ConnectionConfig } from "../../collector/connections/define.ts";

const tally = { requests: 0, notModified: 0 };

/** A fake upstream whose requests count towards the tally when it closes. */
export async function countedUpstream(routes: Record<string, FakeHandler | FakeAnswer> = {}): Promise<FakeUpstream> {
  const fake = await fakeUpstream(routes);
  const close = fake.close;
  fake.close = async () => {
    tally.requests += fake.requests.length;
    await close();
  };
  return fake;
}

/** Answers `answer` with an ETag, and 304 to a request that sends it back. */
export function etagged(answer: FakeAnswer, etag: string): FakeHandler {
  return (req) => {
    if (req.headers["if-none-match"] === etag) {
      tally.notModified++;
      return { status: 304, headers: { etag } };
    }
    return { ...answer, headers: { ...answer.headers, etag } };
  };
}

afterAll(() => {
  const file = process.env.RADIATOR_REQUEST_TALLY;
  if (file && tally.requests > 0) appendFileSync(file, `${JSON.stringify(tally)}\n`);
});

/** A client for a connection with a small size limit, as the collector would build it. */
export function smallClient(connection: Record<string, unknown>, maxBytes: number) {
  const def = connectionDefinition(String(connection.type))!;
  return connectionClient("test", connectionSchema(def).parse(connection) as ConnectionConfig, { maxBytes }).http;
}

export interface FailureSpec {
  kind: string;
  params: Record<string, unknown>;
  /** The connection config for a fake upstream at `url`, carrying `secret`. */
  connection(url: string): Record<string, unknown>;
  secret: string;
  /** The first request a poll makes, e.g. "GET /repos/acme/api/actions/runs". */
  route: string;
  /** A body of the right content type that does not parse. */
  malformed: FakeAnswer;
  malformedError: RegExp;
  /** A well-formed answer for the size-limit case. */
  good: FakeAnswer;
}

/** The bad-upstream cases: each throws a clear, redacted error (the scheduler makes the tile unknown). */
export function upstreamFailureTests(s: FailureSpec): void {
  describe(`${s.kind} against a misbehaving upstream`, () => {
    let fake: FakeUpstream;
    beforeEach(async () => {
      fake = await countedUpstream();
    });
    afterEach(async () => {
      await fake.close();
    });

    const fails = async (pattern: RegExp, opts: Parameters<typeof pollTile>[3] = {}) => {
      const err = await pollTile(s.kind, s.params, s.connection(fake.url), opts).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(err?.message).toMatch(pattern);
      expect(err?.message).not.toContain(s.secret);
      return err!;
    };

    it("throws 'rate limited until HH:MM' on 429 with Retry-After, then waits instead of asking again", async () => {
      fake.route(s.route, {
        status: 429,
        headers: { "retry-after": "120" },
        json: { message: "API rate limit exceeded" },
      });
      const client = smallClient(s.connection(fake.url), 5 * 1024 * 1024);
      const until = new Date(Date.now() + 120_000).toISOString().slice(11, 16);
      await fails(new RegExp(`rate limited until (${until}|\\d\\d:\\d\\d) UTC`), { http: client });
      await fails(/rate limited until/, { http: client });
      expect(fake.hits(s.route)).toHaveLength(1);
    });

    it("throws a clear 'token rejected' on 401, without the secret", async () => {
      fake.route(s.route, { status: 401, json: { message: "401 Unauthorized" } });
      await fails(/token rejected/);
    });

    it("throws on a malformed body", async () => {
      fake.route(s.route, s.malformed);
      await fails(s.malformedError);
    });

    it("throws on a body over the size limit", async () => {
      fake.route(s.route, { ...s.good, headers: { ...s.good.headers } });
      await fails(/over the 1 KiB limit|more than the 1 KiB limit/, {
        http: smallClient(s.connection(fake.url), 1024),
      });
    });

    it("throws a timeout on a server that never answers", async () => {
      fake.route(s.route, { hang: true });
      await fails(/did not answer within 0.3 s/, { timeoutMs: 300 });
    });
  });
}

/**
 * LOG_FORMAT=json on a real process: every line it writes (stdout and stderr) is one JSON object with level,
 * time and msg, poll failures name their tile, kind and connection, and a marker token that the failing
 * upstream echoes back never shows in any line.
 */
import { afterAll, describe, expect, it } from "vitest";
import { fakeUpstream, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { startCollector, type CollectorProcess } from "../helpers/collector-process.ts";

const MARKER = "MARKlogtokenQx9w";
let upstream: FakeUpstream | undefined;
let collector: CollectorProcess | undefined;
afterAll(async () => {
  await collector?.stop();
  await upstream?.close();
});

describe("JSON logs", () => {
  it("are one object a line, with the tile's context and no secret", async () => {
    // A careless upstream: it denies, and echoes the request's headers and query into its error body.
    upstream = await fakeUpstream({
      "*": (req) => ({
        status: 401,
        json: { message: `bad credentials ${JSON.stringify(req.headers)} ${req.query.toString()}` },
      }),
    });
    collector = await startCollector({
      env: { LOG_FORMAT: "json", RADIATOR_LOG_LEVEL: "info", RADIATOR_LOG_TEST_TOKEN: MARKER },
      config: {
        connections: { gh: { type: "github", url: `${upstream.url}/api`, token: "${RADIATOR_LOG_TEST_TOKEN}" } },
        boards: [
          {
            id: "main",
            title: "Main",
            tiles: [
              { id: "ci", title: "CI", kind: "github-actions", connection: "gh", repo: "acme/api", every: "1s" },
              {
                id: "ping",
                title: "Ping",
                kind: "http",
                url: `${upstream.url}/ping?token=\${RADIATOR_LOG_TEST_TOKEN}`,
                every: "1s",
              },
            ],
          },
        ],
      },
    });
    await collector.waitForTile("ci", (t) => t.error !== undefined);
    await collector.waitForTile("ping", (t) => t.status === "fail");
    // A second round of failures, then the shutdown lines.
    await new Promise((r) => setTimeout(r, 1200));
    expect(upstream.requests.some((r) => r.headers.authorization === `Bearer ${MARKER}`)).toBe(true);
    await collector.stop();

    const lines = collector
      .output()
      .split("\n")
      .filter((l) => l.length > 0);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    const entries = lines.map((line) => {
      let parsed: unknown;
      expect(() => (parsed = JSON.parse(line)), line).not.toThrow();
      return parsed as Record<string, unknown>;
    });
    for (const e of entries) {
      expect(["info", "warn", "error"]).toContain(e.level);
      expect(new Date(String(e.time)).toISOString()).toBe(e.time);
      expect(typeof e.msg).toBe("string");
    }
    const ciFailure = entries.find((e) => e.level === "warn" && e.tile === "ci");
    expect(ciFailure).toMatchObject({ kind: "github-actions", connection: "gh" });
    expect(entries.some((e) => /SIGTERM/.test(String(e.msg)))).toBe(true);
    expect(lines.filter((l) => l.includes(MARKER))).toEqual([]);
  });
});

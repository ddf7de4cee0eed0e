// stats against the real thing: a collector's own GET /api/stats over HTTP.
import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer } from "../../collector/server.ts";
import { pollTile } from "../helpers/poll.ts";

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("stats", () => {
  it("reads the collector's own /api/stats: a board that is red now is amber and says so", async () => {
    const dir = mkdtempSync(join(tmpdir(), "radiator-stats-"));
    const configPath = join(dir, "config.json");
    writeFileSync(
      configPath,
      JSON.stringify({
        title: "S",
        boards: [
          {
            id: "main",
            title: "Main",
            tiles: [
              // An http check of a port nothing listens on fails at once, every time: no random demo outcome.
              { id: "legacy", title: "Legacy", kind: "http", url: "http://127.0.0.1:1/health", every: "1s" },
            ],
          },
        ],
      }),
    );
    server = await startServer({ configPath, port: 0, host: "127.0.0.1", watch: false });
    const started = Date.now();
    while (server.runtime.store.get("legacy")?.status !== "fail" && Date.now() - started < 10_000)
      await new Promise((r) => setTimeout(r, 50));
    const f = await pollTile("stats", { url: server.url, board: "main", name: "main" });
    expect(f.status).toBe("warn");
    expect(f.summary).toBe("no red spell ended this week · main is red now · 0 % green");
  });

  it("an unknown board is an error naming it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "radiator-stats-"));
    const configPath = join(dir, "config.json");
    writeFileSync(
      configPath,
      JSON.stringify({
        title: "S",
        boards: [{ id: "main", title: "Main", tiles: [{ id: "d", title: "D", kind: "demo" }] }],
      }),
    );
    server = await startServer({ configPath, port: 0, host: "127.0.0.1", watch: false });
    await expect(pollTile("stats", { url: server.url, board: "nope" })).rejects.toThrow(/404/);
  });
});

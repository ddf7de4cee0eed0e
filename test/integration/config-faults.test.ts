/**
 * Config faults on a real collector process: invalid JSON, a schema error, a
 * missing variable, the file deleted, then restored. The last good config stays
 * live throughout, every screen gets the notice, and the fixed file is picked up
 * within 2 s and clears it.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { fakeUpstream, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { startCollector, type CollectorProcess } from "../helpers/collector-process.ts";

interface Notice {
  type: "notice";
  level: string;
  text: string;
}

let up: FakeUpstream;
let c: CollectorProcess;
let ws: WebSocket;
const notices: Notice[] = [];

const good = (title = "Site") => ({
  title: "Config faults",
  boards: [
    { id: "main", title: "Main", tiles: [{ id: "site", title, kind: "http", url: `${up.url}/health`, every: "1s" }] },
  ],
});

/** The board as /api/state shows it, without what changes on every poll. */
async function liveConfig() {
  const s = await c.state();
  return { title: s.title, tiles: s.tiles.map((t) => ({ id: t.id, title: t.title, kind: t.kind, status: t.status })) };
}

async function nextNotice(after: number, timeoutMs = 5000): Promise<Notice> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (notices.length > after) return notices[after]!;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no notice within ${timeoutMs} ms; notices so far: ${JSON.stringify(notices)}`);
}

beforeAll(async () => {
  up = await fakeUpstream({ "GET /health": { body: "ok", headers: { "content-type": "text/plain" } } });
  c = await startCollector({ config: good() });
  await c.waitForTile("site", (t) => t.status === "ok");
  ws = new WebSocket(`${c.url.replace("http", "ws")}/ws`);
  ws.on("message", (d) => {
    const m = JSON.parse(String(d)) as { type: string };
    if (m.type === "notice") notices.push(m as Notice);
  });
  await new Promise((r) => ws.once("open", r));
});
afterAll(async () => {
  ws?.close();
  await c?.stop();
  await up?.close();
});

describe("config faults", () => {
  let baseline: Awaited<ReturnType<typeof liveConfig>>;

  it.each([
    [
      "invalid JSON",
      () => c.writeConfig('{ "title": "Config faults", "boards": [ '),
      /invalid JSON at line \d+, column \d+/,
    ],
    [
      "a schema error",
      () =>
        c.writeConfig({
          ...good(),
          boards: [
            {
              id: "main",
              title: "Main",
              tiles: [{ id: "site", title: "Site", kind: "http", url: `${up.url}/health`, every: "often" }],
            },
          ],
        }),
      /boards\[0\]\.tiles\[0\]\.every/,
    ],
    [
      "a missing variable",
      () => c.writeConfig(good("${RADIATOR_TEST_NEVER_SET}")),
      /environment variable RADIATOR_TEST_NEVER_SET is not set/,
    ],
  ])("%s: the last good config stays live and every screen is told why", async (_name, write, reason) => {
    baseline ??= await liveConfig();
    const before = notices.length;
    write();
    const n = await nextNotice(before);
    expect(n.level).toBe("error");
    expect(n.text).toMatch(reason);
    expect(n.text).toMatch(/last good/);
    expect(await liveConfig()).toEqual(baseline);
    await c.waitForTile("site", (t) => t.status === "ok" && Date.now() - Date.parse(t.checkedAt!) < 2500);
  });

  // The "missing file" notice comes with faults' fix (issue 8 defect 5); until it merges this test fails.
  it("the file deleted: the last good config stays live, with a warning on every screen", async () => {
    const before = notices.length;
    rmSync(c.configPath);
    const n = await nextNotice(before);
    expect(n.level).toBe("warn");
    expect(n.text).toMatch(/config file .* is missing; serving the last good version/);
    expect(await liveConfig()).toEqual(baseline);
  });

  it("the file restored and fixed: picked up within 2 s, the notice cleared by an info notice", async () => {
    const before = notices.length;
    const written = Date.now();
    c.writeConfig(good("Site (fixed)"));
    const n = await nextNotice(before, 2000);
    expect(Date.now() - written).toBeLessThan(2000);
    expect(n.level).toBe("info");
    expect((await c.state()).tiles.find((t) => t.id === "site")!.title).toBe("Site (fixed)");
    // a screen that connects now gets no stale error notice
    const fresh = new WebSocket(`${c.url.replace("http", "ws")}/ws`);
    const seen: string[] = [];
    fresh.on("message", (d) => seen.push(String(d)));
    await new Promise((r) => fresh.once("open", r));
    await expect
      .poll(() => seen.some((m) => m.includes('"type":"snapshot"') || m.includes('"type":"hello"')))
      .toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    fresh.close();
    expect(seen.filter((m) => m.includes('"type":"notice"'))).toEqual([]);
  });
});

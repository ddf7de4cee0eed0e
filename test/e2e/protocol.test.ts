// The page's side of the WebSocket protocol, against a scripted server (Playwright's
// routeWebSocket) while the real collector serves the built page: rev gaps, a new
// page version, heartbeat silence and notices, each exactly when the test says.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page, WebSocketRoute } from "playwright-core";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ServerMessage, Tile } from "../../collector/contract.ts";
import { startCollector, type CollectorProcess } from "../helpers/collector-process.ts";
import { ensurePageBuilt, launchBrowser, tileState } from "../helpers/browser.ts";
import { buildTile } from "../helpers/builders.ts";

let browser: Browser;
let collector: CollectorProcess;
let version: string;

beforeAll(async () => {
  ensurePageBuilt();
  version = (
    JSON.parse(readFileSync(fileURLToPath(new URL("../../web/dist/version.json", import.meta.url)), "utf8")) as {
      version: string;
    }
  ).version;
  collector = await startCollector({
    config: { boards: [{ id: "main", title: "Main", tiles: [{ id: "x", title: "X", kind: "demo" }] }] },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await collector?.stop();
});

const tile = (status: Tile["status"]): Tile =>
  buildTile({
    id: "t1",
    board: "main",
    title: "API main",
    status,
    since: new Date().toISOString(),
    checkedAt: new Date().toISOString(),
    summary: `now ${status}`,
  });

interface Scripted {
  page: Page;
  sockets: WebSocketRoute[];
  received: string[];
  send(msg: ServerMessage): void;
}

/** A page whose /ws is answered by the test: hello + snapshot on every connect. */
async function scripted(opts: { helloVersion?: () => string; clock?: boolean } = {}): Promise<Scripted> {
  const page = await browser.newPage();
  if (opts.clock) await page.clock.install();
  const sockets: WebSocketRoute[] = [];
  const received: string[] = [];
  await page.routeWebSocket(/\/ws/, (ws) => {
    sockets.push(ws);
    ws.onMessage((m) => received.push(String(m)));
    ws.send(
      JSON.stringify({
        type: "hello",
        version: opts.helloVersion?.() ?? version,
        title: "Scripted",
        boards: [{ id: "main", title: "Main", tiles: ["t1"] }],
        families: {},
      }),
    );
    ws.send(JSON.stringify({ type: "snapshot", rev: 1, tiles: [tile("ok")] }));
  });
  await page.goto(`${collector.url}/?board=main`);
  await page.locator('[data-tile="t1"]').waitFor();
  return { page, sockets, received, send: (msg) => sockets[sockets.length - 1]!.send(JSON.stringify(msg)) };
}

describe("protocol in the page", () => {
  it("applies patches in order and asks for a snapshot when a rev is missing", async () => {
    const s = await scripted();
    s.send({ type: "patch", rev: 2, tiles: [tile("warn")], removed: [] });
    await expect.poll(() => tileState(s.page, "t1").then((t) => t.status)).toBe("warn");
    s.send({ type: "patch", rev: 4, tiles: [tile("ok")], removed: [] }); // rev 3 was lost
    await expect.poll(() => s.received).toContain('{"type":"resync"}');
    expect((await tileState(s.page, "t1")).status).toBe("warn"); // the patch after the gap is not applied
    s.send({ type: "snapshot", rev: 4, tiles: [tile("fail")] });
    await expect.poll(() => tileState(s.page, "t1").then((t) => t.badge)).toContain("FAILING");
    s.send({ type: "patch", rev: 5, tiles: [], removed: ["t1"] });
    await s.page.locator('[data-tile="t1"]').waitFor({ state: "detached" });
    expect(s.received.filter((m) => m.includes("resync"))).toHaveLength(1);
    await s.page.close();
  });

  it("reloads itself once when hello announces another page version", async () => {
    let helloVersion = version;
    const s = await scripted({ helloVersion: () => helloVersion });
    let loads = 0;
    s.page.on("load", () => loads++);
    await s.page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    helloVersion = "another-build";
    s.sockets[0]!.close({ code: 4000, reason: "restarting" });
    await expect.poll(() => loads, { timeout: 10_000 }).toBe(1);
    await s.page.locator('[data-tile="t1"]').waitFor();
    expect(await s.page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBeUndefined();
    // the served page is still the old build: no reload loop
    await s.page.waitForTimeout(1500);
    expect(loads).toBe(1);
    await s.page.close();
  });

  it("reconnects after 40 s without a message, and not before", async () => {
    const s = await scripted({ clock: true });
    expect(s.sockets).toHaveLength(1);
    await s.page.clock.runFor(39_000);
    expect(s.sockets).toHaveLength(1);
    await s.page.clock.runFor(2_000 + 30_000); // silence, then at most the longest backoff
    await expect.poll(() => s.sockets.length).toBeGreaterThanOrEqual(2);
    await s.page.close();
  });

  it("shows an error notice until an info notice replaces it; info fades", async () => {
    const s = await scripted({ clock: true });
    s.send({ type: "notice", level: "error", text: "config invalid: boards[0].tiles[2].every: not a duration" });
    const error = s.page.locator('[data-notice="error"]');
    await error.waitFor();
    expect(await error.innerText()).toContain("boards[0].tiles[2].every");
    for (let i = 0; i < 4; i++) {
      await s.page.clock.runFor(14_000);
      s.send({ type: "heartbeat", at: new Date().toISOString() });
    }
    expect(await error.count()).toBe(1);
    s.send({ type: "notice", level: "info", text: "config reloaded" });
    await s.page.locator('[data-notice="info"]').waitFor();
    expect(await error.count()).toBe(0);
    await s.page.clock.runFor(12_000);
    await s.page.locator('[data-notice="info"]').waitFor({ state: "detached" });
    await s.page.close();
  });

  it("never renders upstream text as HTML and links only http(s)", async () => {
    const s = await scripted();
    const evil = buildTile({
      id: "t1",
      board: "main",
      title: "<img src=x onerror=window.pwned=1>",
      status: "fail",
      summary: "<b>bold</b>",
      url: "javascript:window.pwned=2",
      items: [
        { title: "job", url: "javascript:window.pwned=3" },
        { title: "ok job", url: "https://ci.example.com/1" },
      ],
    });
    s.send({ type: "snapshot", rev: 10, tiles: [evil] });
    await expect
      .poll(() => s.page.locator('[data-tile="t1"] .title').innerText())
      .toBe("<img src=x onerror=window.pwned=1>");
    expect(await s.page.locator('[data-tile="t1"] img, [data-tile="t1"] b').count()).toBe(0);
    await s.page.locator('[data-tile="t1"]').click();
    await s.page.locator('[data-detail="t1"]').waitFor();
    const hrefs = await s.page.locator("[data-detail] a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs).toEqual(["https://ci.example.com/1"]);
    expect(await s.page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await s.page.close();
  });
});

// The page behind a viewer token: given once as ?token=, then the cookie; strict CSP without console errors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, ConsoleMessage } from "playwright-core";
import WebSocket from "ws";
import { startCollector, type CollectorProcess } from "../helpers/collector-process.ts";
import { ensurePageBuilt, flippableServer, launchBrowser, tileState } from "../helpers/browser.ts";

const TOKEN = "e2e-view-token-4f1c9a7b2d";
let browser: Browser;
let collector: CollectorProcess;
let upstream: Awaited<ReturnType<typeof flippableServer>>;

beforeAll(async () => {
  ensurePageBuilt();
  upstream = await flippableServer();
  collector = await startCollector({
    config: {
      title: "Secured",
      viewToken: "${VIEW}",
      allowedOrigins: ["https://dash.example.com"],
      boards: [
        {
          id: "main",
          title: "Main",
          tiles: [{ id: "site", title: "Site", kind: "http", url: upstream.url, every: "1s" }],
        },
      ],
    },
    env: { VIEW: TOKEN, RADIATOR_LOG_LEVEL: "info" },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await collector?.stop();
  await upstream?.close();
});

/** How a /ws upgrade ends: "open" or the HTTP status it was refused with. */
function upgrade(headers: Record<string, string>, query = ""): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${collector.url.replace("http", "ws")}/ws?board=main${query}`, { headers });
    ws.once("open", () => {
      ws.close();
      resolve("open");
    });
    ws.once("unexpected-response", (_req, res) => resolve(String(res.statusCode)));
    ws.once("error", () => resolve("error"));
  });
}

describe("a radiator with a viewer token", () => {
  it("refuses the page without it, works in Chromium after ?token= once, with no CSP errors", async () => {
    expect((await fetch(`${collector.url}/`)).status).toBe(401);
    expect((await fetch(`${collector.url}/healthz`)).status).toBe(200);
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const problems: string[] = [];
    page.on("console", (m: ConsoleMessage) => {
      if (m.type() === "error" || /Content Security Policy/i.test(m.text())) problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(e.message));
    const first = await page.goto(`${collector.url}/?board=main&token=${TOKEN}`);
    expect(first!.status()).toBe(200);
    expect(page.url()).toBe(`${collector.url}/?board=main`);
    await expect.poll(() => tileState(page, "site").then((s) => s.status), { timeout: 15_000 }).toBe("ok");
    await expect
      .poll(() => page.locator("[data-link]").getAttribute("data-link"), { timeout: 10_000 })
      .toBe("connected");
    // A reload has only the cookie now.
    await page.reload();
    await expect.poll(() => tileState(page, "site").then((s) => s.status), { timeout: 15_000 }).toBe("ok");
    const cookies = await page.context().cookies();
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([["radiator_view", true, "Lax"]]);
    expect(cookies[0]!.value).not.toContain(TOKEN);
    expect(problems).toEqual([]);
    expect(collector.output()).not.toContain(TOKEN);
    await page.close();
  });

  it("refuses a /ws upgrade without the token (401) and from an origin not allowed (403)", async () => {
    expect(await upgrade({})).toBe("401");
    expect(await upgrade({ "x-radiator-token": TOKEN })).toBe("open");
    expect(await upgrade({ "x-radiator-token": TOKEN, origin: "https://evil.example" })).toBe("403");
    expect(await upgrade({ "x-radiator-token": TOKEN, origin: "https://dash.example.com" })).toBe("open");
    expect(await upgrade({ origin: collector.url }, `&token=${TOKEN}`)).toBe("open");
  });
});

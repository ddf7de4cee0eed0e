/**
 * deploy/kiosk/radiator-kiosk.sh: its command line carries the wall's flags, and that command line (with a
 * headless override added through RADIATOR_KIOSK_EXTRA_FLAGS) opens a real collector's board in Debian's
 * Chromium and renders its tiles.
 */
import { afterAll, describe, expect, it } from "vitest";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { freePort, startCollector, type CollectorProcess } from "../helpers/collector-process.ts";
import { ensurePageBuilt } from "../helpers/browser.ts";

const SCRIPT = fileURLToPath(new URL("../../deploy/kiosk/radiator-kiosk.sh", import.meta.url));
const BROWSER = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const profile = mkdtempSync(join(tmpdir(), "radiator-kiosk-profile-"));
let collector: CollectorProcess | undefined;
let kiosk: ChildProcess | undefined;
let browser: Browser | undefined;

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  if (kiosk?.pid && kiosk.exitCode === null) {
    const exited = new Promise((r) => kiosk!.once("exit", r));
    process.kill(-kiosk.pid, "SIGTERM");
    await exited;
  }
  await collector?.stop();
  rmSync(profile, { recursive: true, force: true });
});

const baseEnv = { ...process.env, RADIATOR_KIOSK_BROWSER: BROWSER, RADIATOR_KIOSK_PROFILE: profile };

describe("the kiosk launcher", () => {
  it("prints a command line with the wall's flags", () => {
    const lines = execFileSync(SCRIPT, ["http://wall.lan:8080/?board=team"], {
      env: { ...baseEnv, RADIATOR_KIOSK_DRY_RUN: "1", RADIATOR_KIOSK_DISABLE_GPU: "1" },
      encoding: "utf8",
    })
      .trim()
      .split("\n");
    expect(lines[0]).toBe(BROWSER);
    expect(lines.at(-1)).toBe("http://wall.lan:8080/?board=team");
    for (const flag of [
      "--kiosk",
      "--noerrdialogs",
      "--disable-infobars",
      "--no-first-run",
      "--disable-translate",
      "--disable-features=Translate",
      "--autoplay-policy=no-user-gesture-required",
      "--disable-session-crashed-bubble",
      "--check-for-update-interval=31536000",
      "--disable-gpu",
      `--user-data-dir=${profile}`,
    ]) {
      expect(lines).toContain(flag);
    }
    expect(() => execFileSync(SCRIPT, ["file:///etc/passwd"], { env: baseEnv, stdio: "pipe" })).toThrow();
  });

  it("opens the board in Chromium and renders its tiles", async () => {
    ensurePageBuilt();
    collector = await startCollector({
      config: {
        title: "Kiosk",
        boards: [
          {
            id: "wall",
            title: "Wall",
            tiles: [
              { id: "k1", title: "Build", kind: "demo", scenario: "build", every: "1s" },
              { id: "k2", title: "Deploy", kind: "demo", scenario: "build", every: "1s" },
            ],
          },
        ],
      },
    });
    const cdpPort = await freePort();
    const url = `${collector.url}/?board=wall`;
    kiosk = spawn(SCRIPT, [url], {
      env: {
        ...baseEnv,
        RADIATOR_KIOSK_ONCE: "1",
        RADIATOR_KIOSK_DISABLE_GPU: "1",
        RADIATOR_KIOSK_EXTRA_FLAGS: `--headless --no-sandbox --window-size=1920,1080 --remote-debugging-address=127.0.0.1 --remote-debugging-port=${cdpPort}`,
      },
      stdio: "ignore",
      detached: true,
    });
    const started = Date.now();
    while (!browser) {
      if (kiosk.exitCode !== null) throw new Error(`the kiosk script exited with ${kiosk.exitCode}`);
      if (Date.now() - started > 30_000) throw new Error("Chromium's debugging port did not open within 30 s");
      browser = await chromium.connectOverCDP(`http://127.0.0.1:${cdpPort}`).catch(() => undefined);
      if (!browser) await new Promise((r) => setTimeout(r, 250));
    }
    const page = browser
      .contexts()[0]!
      .pages()
      .find((p) => p.url().startsWith(collector!.url));
    expect(page?.url()).toBe(url);
    await page!.locator('[data-tile="k2"]').waitFor({ timeout: 20_000 });
    expect(await page!.locator("[data-tile]").count()).toBe(2);
    const shot = await page!.screenshot();
    expect(shot.length).toBeGreaterThan(10_000);
  });
});

// The TV view stays light: the entry bundle is small and chart.js lives only in the lazy chunk.
import { beforeAll, describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { ensurePageBuilt } from "../helpers/browser.ts";

const DIST = fileURLToPath(new URL("../../web/dist/", import.meta.url));
const CHART_MARKER = "Canvas is already in use";
// an error text of the QR encoder (uqr), which only ?qr=on loads
const QR_MARKER = "unencodable characters in alphanumeric mode";

beforeAll(() => ensurePageBuilt());

describe("the page build", () => {
  // The budget is the TV view's JS (issue 10): ≤ 30 KiB gz, lowered for Chromium 79 (which costs ~2 KiB of
  // private-field helpers); its CSS has a budget of its own. The picker, the beep and the detail load lazily.
  it("keeps the TV bundle under budget (entry JS ≤ 30 KiB, CSS ≤ 4 KiB gzipped), without chart.js", () => {
    const html = readFileSync(`${DIST}index.html`, "utf8");
    const entry = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(entry.some((f) => f.endsWith(".js"))).toBe(true);
    const gz = (ext: string) =>
      entry.filter((f) => f.endsWith(ext)).reduce((n, f) => n + gzipSync(readFileSync(DIST + f)).length, 0);
    expect(gz(".js")).toBeLessThanOrEqual(30 * 1024);
    expect(gz(".css")).toBeLessThanOrEqual(4 * 1024);
    for (const f of entry) expect(readFileSync(DIST + f, "utf8")).not.toContain(CHART_MARKER);
    for (const f of entry) expect(readFileSync(DIST + f, "utf8")).not.toContain(QR_MARKER);
  });

  it("has the QR encoder in one lazily loaded chunk of its own, without chart.js", () => {
    const chunks = readdirSync(`${DIST}assets`).filter((f) => f.endsWith(".js"));
    const qr = chunks.filter((f) => readFileSync(`${DIST}assets/${f}`, "utf8").includes(QR_MARKER));
    expect(qr).toHaveLength(1);
    expect(readFileSync(`${DIST}assets/${qr[0]!}`, "utf8")).not.toContain(CHART_MARKER);
  });

  it("has a lazily loaded chunk with chart.js", () => {
    const chunks = readdirSync(`${DIST}assets`).filter((f) => f.endsWith(".js"));
    expect(chunks.filter((f) => readFileSync(`${DIST}assets/${f}`, "utf8").includes(CHART_MARKER))).toHaveLength(1);
  });

  it("writes version.json with the build id that the page carries", () => {
    const { version } = JSON.parse(readFileSync(`${DIST}version.json`, "utf8")) as { version: string };
    expect(version).toMatch(/^[0-9a-f]{12}$/);
    const html = readFileSync(`${DIST}index.html`, "utf8");
    const js = [...html.matchAll(/src="\/?(assets\/[^"]+\.js)"/g)]
      .map((m) => readFileSync(DIST + m[1]!, "utf8"))
      .join("");
    expect(js).toMatch(new RegExp("[\"'`]" + version + "[\"'`]")); // the bundler may quote with backticks
  });
});

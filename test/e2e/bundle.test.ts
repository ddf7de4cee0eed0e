// The TV view stays light: the entry bundle is small and chart.js lives only in the lazy chunk.
import { beforeAll, describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { ensurePageBuilt } from "../helpers/browser.ts";

const DIST = fileURLToPath(new URL("../../web/dist/", import.meta.url));
const CHART_MARKER = "Canvas is already in use";

beforeAll(() => ensurePageBuilt());

describe("the page build", () => {
  it("keeps the TV bundle (entry JS + CSS) under 30 KiB gzipped, without chart.js", () => {
    const html = readFileSync(`${DIST}index.html`, "utf8");
    const entry = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(entry.some((f) => f.endsWith(".js"))).toBe(true);
    const gz = entry.reduce((n, f) => n + gzipSync(readFileSync(DIST + f)).length, 0);
    expect(gz).toBeLessThan(30 * 1024);
    for (const f of entry) expect(readFileSync(DIST + f, "utf8")).not.toContain(CHART_MARKER);
  });

  it("has a lazily loaded chunk with chart.js", () => {
    const chunks = readdirSync(`${DIST}assets`).filter((f) => f.endsWith(".js"));
    expect(chunks.filter((f) => readFileSync(`${DIST}assets/${f}`, "utf8").includes(CHART_MARKER))).toHaveLength(1);
  });

  it("writes version.json with the build id that the page carries", () => {
    const { version } = JSON.parse(readFileSync(`${DIST}version.json`, "utf8")) as { version: string };
    expect(version).toMatch(/^[0-9a-f]{12}$/);
    const html = readFileSync(`${DIST}index.html`, "utf8");
    const js = [...html.matchAll(/src="\/?(assets\/[^"]+\.js)"/g)].map((m) => readFileSync(DIST + m[1]!, "utf8")).join("");
    expect(js).toMatch(new RegExp("[\"'`]" + version + "[\"'`]")); // the bundler may quote with backticks
  });
});

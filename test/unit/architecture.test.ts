// Structural promises from STYLE.md, checked so they stay true as kinds are added.
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function files(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, ext));
    else if (ext.test(name)) out.push(p);
  }
  return out;
}

describe("architecture", () => {
  it("no code outside sources/, connections/ and the page's view map tests a kind or type", () => {
    const allowed = [/^collector\/sources\//, /^collector\/connections\//, /^web\/src\/components\/tiles\//];
    const offenders = [...files(join(ROOT, "collector"), /\.ts$/), ...files(join(ROOT, "web/src"), /\.(ts|svelte)$/)]
      .map((f) => relative(ROOT, f))
      .filter((f) => !allowed.some((a) => a.test(f)))
      .filter((f) => /\b(kind|type)\s*===\s*["'][a-z]/.test(readFileSync(join(ROOT, f), "utf8")).valueOf())
      // message types of the WebSocket protocol are not source kinds
      .filter((f) => /\bkind\s*===\s*["']|\.type\s*===\s*["'](github|gitlab|jenkins|prometheus|jira|cctray|buildkite|alertmanager|pagerduty|opsgenie)/.test(readFileSync(join(ROOT, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("only http-client.ts calls fetch in the collector", () => {
    const offenders = files(join(ROOT, "collector"), /\.ts$/)
      .filter((f) => !f.endsWith("http-client.ts"))
      .filter((f) => /\bfetch\(/.test(readFileSync(f, "utf8")))
      .map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it("the page never renders upstream text as HTML", () => {
    const offenders = files(join(ROOT, "web/src"), /\.svelte$/).filter((f) => readFileSync(f, "utf8").includes("{@html")).map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it("the page loads chart.js tree-shaken, never chart.js/auto", () => {
    const offenders = files(join(ROOT, "web/src"), /\.(ts|svelte)$/).filter((f) => readFileSync(f, "utf8").includes("chart.js/auto")).map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it("no hand-written collector or page file grows past 300 lines", () => {
    const big = [...files(join(ROOT, "collector"), /\.ts$/), ...files(join(ROOT, "web/src"), /\.(ts|svelte)$/)]
      .map((f) => [relative(ROOT, f), readFileSync(f, "utf8").split("\n").length] as const)
      .filter(([, n]) => n > 300);
    expect(big).toEqual([]);
  });
});

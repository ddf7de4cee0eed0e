// Structural promises from STYLE.md, checked so they stay true as kinds are added.
import { describe, expect, it } from "vitest";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { sources } from "../../collector/sources/index.ts";
import { kindOffences, scannedFiles } from "../helpers/kind-guard.ts";

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
  it("no code outside sources/, connections/ and the page's view map names a kind or connection type", () => {
    const scanned = scannedFiles(ROOT);
    expect(scanned).toContain("collector/hub.ts");
    expect(scanned).toContain("web/src/App.svelte");
    expect(kindOffences(ROOT, scanned)).toEqual([]);
  });

  describe("the kind guard catches what it is meant to", () => {
    const hub = readFileSync(join(ROOT, "collector/hub.ts"), "utf8");
    const [kind] = Object.keys(sources);
    const planted = [
      'if (kind !== "jira") return;',
      'switch (kind) { case "github-issues": break; }',
      'if (["gitlab-issues"].includes(kind)) return;',
      // not a registered type: caught by its shape, not by the registry
      'if (conn.type === "redmine") return;',
      `const k = plan.kind === "${kind}";`,
    ];
    it.each(planted)("%s planted in a copy of hub.ts", (line) => {
      const root = mkdtempSync(join(tmpdir(), "radiator-guard-"));
      try {
        mkdirSync(join(root, "collector"));
        copyFileSync(join(ROOT, "collector/contract.ts"), join(root, "collector/contract.ts"));
        writeFileSync(
          join(root, "collector/hub.ts"),
          `${hub}\nfunction planted(kind: string, conn: { type: string }) {\n  ${line}\n}\n`,
        );
        const offences = kindOffences(root, ["collector/hub.ts"]);
        expect(offences.map((o) => o.text)).toEqual([line]);
        // the same line in a kind's own file is at home
        mkdirSync(join(root, "collector/sources"));
        writeFileSync(join(root, "collector/sources/planted.ts"), line);
        expect(kindOffences(root, ["collector/sources/planted.ts"])).toEqual([]);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });

    it("leaves the WebSocket protocol's message types alone", () => {
      const root = mkdtempSync(join(tmpdir(), "radiator-guard-"));
      try {
        mkdirSync(join(root, "collector"));
        copyFileSync(join(ROOT, "collector/contract.ts"), join(root, "collector/contract.ts"));
        writeFileSync(
          join(root, "collector/ok.ts"),
          'switch (msg.type) { case "hello": break; }\nif (m.type === "patch") x();\n',
        );
        expect(kindOffences(root, ["collector/ok.ts"])).toEqual([]);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });
  });

  it("only http-client.ts calls fetch in the collector", () => {
    const offenders = files(join(ROOT, "collector"), /\.ts$/)
      .filter((f) => !f.endsWith("http-client.ts"))
      .filter((f) => /\bfetch\(/.test(readFileSync(f, "utf8")))
      .map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it("the page never renders upstream text as HTML", () => {
    const offenders = files(join(ROOT, "web/src"), /\.svelte$/)
      .filter((f) => readFileSync(f, "utf8").includes("{@html"))
      .map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it("the page loads chart.js tree-shaken, never chart.js/auto", () => {
    const offenders = files(join(ROOT, "web/src"), /\.(ts|svelte)$/)
      .filter((f) => readFileSync(f, "utf8").includes("chart.js/auto"))
      .map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it("no hand-written collector or page file grows past 300 lines", () => {
    const big = [...files(join(ROOT, "collector"), /\.ts$/), ...files(join(ROOT, "web/src"), /\.(ts|svelte)$/)]
      .map((f) => [relative(ROOT, f), readFileSync(f, "utf8").split("\n").length] as const)
      .filter(([, n]) => n > 300);
    expect(big).toEqual([]);
  });
});

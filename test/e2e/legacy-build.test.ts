// The TV browsers offices have (LG webOS 6, Samsung Tizen 6) run Chromium 79: no syntax or CSS newer than that.
import { beforeAll, describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { parse } from "acorn";
import { ensurePageBuilt } from "../helpers/browser.ts";

const ASSETS = new URL("../../web/dist/assets/", import.meta.url);
const files = (ext: string) => readdirSync(ASSETS).filter((f) => f.endsWith(ext));
const read = (f: string) => readFileSync(new URL(f, ASSETS), "utf8");

/** CSS Chromium 79 lacks (version that brought it); a rule using one is dropped there. */
const CSS_TOO_NEW: [RegExp, string][] = [
  [/\d(?:cqw|cqh|cqi|cqb|cqmin|cqmax)\b/, "container query units (105)"],
  [/container-type|@container/, "container queries (105)"],
  [/color-mix\(/, "color-mix() (111)"],
  [/:where\(/, ":where() (88)"],
  [/:is\(/, ":is() (88)"],
  [/:has\(/, ":has() (105)"],
  [/:focus-visible/, ":focus-visible (86)"],
  [/\baspect-ratio\s*:/, "aspect-ratio (88)"],
  [/(?:^|[;{\s])inset\s*:/, "inset (87)"],
  [/\d(?:dvh|svh|lvh|dvw|svw|lvw)\b/, "dynamic viewport units (108)"],
  [/overflow-wrap\s*:\s*anywhere/, "overflow-wrap: anywhere (80)"],
  [/@layer\b/, "cascade layers (99)"],
  [/(?:^|[;{\s])(?:translate|rotate|scale)\s*:/, "individual transform properties (104)"],
  [/&[.:\s]/, "CSS nesting (112)"],
];

type Node = { type: string; operator?: string; bigint?: string; [k: string]: unknown };

/** Syntax newer than ES2019 that acorn still parses at 2020; dynamic import() and import.meta Chromium 79 has. */
function tooNew(node: Node, found: Set<string>): void {
  if (node.type === "ChainExpression") found.add("optional chaining ?.");
  if (node.type === "LogicalExpression" && node.operator === "??") found.add("nullish coalescing ??");
  if (node.bigint !== undefined) found.add("BigInt literal");
  if (node.type === "ExportAllDeclaration" && node.exported) found.add("export * as ns");
  for (const v of Object.values(node)) {
    if (Array.isArray(v))
      for (const c of v) {
        if (c && typeof c === "object" && typeof c.type === "string") tooNew(c, found);
      }
    else if (v && typeof v === "object" && typeof (v as Node).type === "string") tooNew(v as Node, found);
  }
}

beforeAll(() => ensurePageBuilt());

describe("the build for Chromium 79", () => {
  it.each(files(".js"))("%s parses as ES2019 (plus the import() and import.meta Chromium 79 has)", (f) => {
    // ES2021+ (class fields, ||=, numeric separators, top-level await …) fails to parse at 2020 outright
    const ast = parse(read(f), { ecmaVersion: 2020, sourceType: "module" }) as unknown as Node;
    const found = new Set<string>();
    tooNew(ast, found);
    expect([...found]).toEqual([]);
  });

  it("rejects newer syntax (the checker itself works)", () => {
    const found = new Set<string>();
    tooNew(parse("a?.b; c ?? d; 1n;", { ecmaVersion: 2020 }) as unknown as Node, found);
    expect([...found].sort()).toEqual(["BigInt literal", "nullish coalescing ??", "optional chaining ?."]);
    expect(() => parse("class A { #x = 1 }", { ecmaVersion: 2020 })).toThrow();
  });

  it.each(files(".css"))("%s uses no CSS feature Chromium 79 lacks", (f) => {
    const css = read(f).replace(/\/\*[\s\S]*?\*\//g, "");
    const used = CSS_TOO_NEW.filter(([re]) => re.test(css)).map(([, name]) => name);
    expect(used).toEqual([]);
  });

  // grid gap is Chromium 66, flex gap 84: a flex rule with gap lays out with no spacing on the TVs
  it.each(files(".css"))("%s sets no gap on a flex container", (f) => {
    const css = read(f).replace(/\/\*[\s\S]*?\*\//g, "");
    const rules = [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)];
    const flexGap = rules
      .filter(
        ([, , body]) =>
          /display\s*:\s*(?:inline-)?flex/.test(body!) && /(?:^|[;\s])(?:row-|column-)?gap\s*:/.test(body!),
      )
      .map(([, sel]) => sel!.trim());
    expect(flexGap).toEqual([]);
  });
});

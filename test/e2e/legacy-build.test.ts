// The TV browsers offices have (LG webOS 6, Samsung Tizen 6) run Chromium 79: no syntax or CSS newer than that.
import { beforeAll, describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { parse, tokenizer, type Token } from "acorn";
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

/**
 * Chromium 79 runs ES2019 plus two ES2020 module features it shipped early: dynamic `import()` (63) and
 * `import.meta` (64). acorn has no switch for "2019 plus those two", so the tokenizer (at 2020) finds each
 * `import` keyword used that way and renames it to an identifier of the same length; the result must then
 * parse at ES2019 — any `?.`, `??`, BigInt, `export * as ns` or newer syntax fails the parse.
 */
function asEs2019(code: string): string {
  const chars = code.split("");
  let prev: Token | undefined;
  for (const token of tokenizer(code, { ecmaVersion: 2020, sourceType: "module" })) {
    const follows = token.type.label === "(" || token.type.label === ".";
    if (prev && prev.type.keyword === "import" && follows) chars.splice(prev.start, 6, ..."__impt");
    prev = token;
  }
  return chars.join("");
}

function es2019Error(code: string): string | null {
  try {
    parse(asEs2019(code), { ecmaVersion: 2019, sourceType: "module" });
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

beforeAll(() => ensurePageBuilt());

describe("the build for Chromium 79", () => {
  it.each(files(".js"))("%s parses as ES2019 (plus the import() and import.meta Chromium 79 has)", (f) => {
    expect(es2019Error(read(f))).toBe(null);
  });

  it("rejects newer syntax (the checker itself works)", () => {
    for (const code of ["a?.b;", "c ?? d;", "1n;", 'export * as ns from "x";', "class A { #x = 1 }", "a ||= b;"])
      expect(es2019Error(code), code).not.toBe(null);
    expect(es2019Error('import("./x.js").then((m) => import.meta.url + m);')).toBe(null);
    expect(asEs2019('const s = "import(";import("./a.js");')).toBe('const s = "import(";__impt("./a.js");');
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

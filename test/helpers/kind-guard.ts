/**
 * The STYLE.md promise "no `kind === "..."`/`type === "..."` outside sources/,
 * connections/ and the page's view map", as a check that derives what it forbids
 * from the registries instead of a hand list:
 *
 * - any registered kind or connection type written as a string literal, in any
 *   position (`kind !== "jira"`, `case "github-issues":`, `["gitlab-issues"].includes(kind)`);
 * - any string literal compared with, switched on or looked up against a `kind`
 *   or `type`, registered or not (`conn.type === "redmine"`), except the
 *   WebSocket protocol's message types, read from collector/contract.ts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { sources } from "../../collector/sources/index.ts";
import { connections } from "../../collector/connections/index.ts";

/** Where kind knowledge belongs. Tests and docs are not scanned at all. */
export const KIND_HOMES = [/^collector\/sources\//, /^collector\/connections\//, /^web\/src\/components\/tiles\//];
const SCANNED = [
  { dir: "collector", ext: /\.ts$/ },
  { dir: "web/src", ext: /\.(ts|svelte)$/ },
  { dir: "scripts", ext: /\.(ts|mjs)$/ },
];

/** Literals that equal a kind's name but mean something else, each with the reason. */
const NOT_KINDS: { file: RegExp; literal: string; why: string }[] = [
  {
    file: /^collector\/(upstream-error|http-client|http-status)\.ts$/,
    literal: "http",
    why: "UpstreamErrorCode for an HTTP error status",
  },
  { file: /^collector\/(security|routes\/ws)\.ts$/, literal: "host", why: "the Host request header" },
];

export interface Offence {
  file: string;
  line: number;
  text: string;
}

function walk(root: string, dir: string, ext: RegExp): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs).flatMap((name) => {
    const p = join(abs, name);
    if (statSync(p).isDirectory()) return walk(root, relative(root, p), ext);
    return ext.test(name) ? [relative(root, p)] : [];
  });
}

/** Comments blanked (line numbers kept): an example in a doc comment is prose, not code. */
function code(text: string): string {
  const blank = (m: string) => m.replace(/[^\n]/g, " ");
  return text
    .replace(/\/\*[\s\S]*?\*\//g, blank)
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/(^|\s)\/\/.*$/gm, blank);
}

function protocolTypes(root: string): Set<string> {
  const contract = readFileSync(join(root, "collector/contract.ts"), "utf8");
  // `type: "hello"` and unions such as `type: "claim" | "release"`: message and event types, not kinds.
  const unions = [...contract.matchAll(/\btype\??:\s*("[^"]+"(?:\s*\|\s*"[^"]+")*)/g)].map((m) => m[1]!);
  return new Set(unions.flatMap((u) => [...u.matchAll(/"([^"]+)"/g)].map((m) => m[1]!)));
}

const KIND_OR_TYPE = String.raw`[\w$.?!\]\)]*\b(?:kind|type|Kind|Type)\b`;
const LITERAL = String.raw`(["'\`])([^"'\`\n]*)\1`;
const COMPARED = [
  new RegExp(String.raw`${KIND_OR_TYPE}\s*[!=]==?\s*${LITERAL}`, "g"),
  new RegExp(String.raw`${LITERAL}\s*[!=]==?\s*${KIND_OR_TYPE}`, "g"),
];
const LOOKED_UP = new RegExp(String.raw`\[([^\]\n]*)\]\s*\.\s*(?:includes|indexOf)\(\s*${KIND_OR_TYPE}`, "g");
const SWITCH = new RegExp(String.raw`switch\s*\(\s*${KIND_OR_TYPE}\s*\)\s*\{`, "g");

/** The `case "…"` literals of a switch body, up to its matching brace. */
function caseLiterals(text: string, open: number): string[] {
  let depth = 0,
    end = open;
  for (; end < text.length; end++) {
    if (text[end] === "{") depth++;
    else if (text[end] === "}" && --depth === 0) break;
  }
  return [...text.slice(open, end).matchAll(/\bcase\s+(["'`])([^"'`\n]*)\1/g)].map((m) => m[2]!);
}

/** Offences in the given files (paths relative to root). */
export function kindOffences(root: string, files: readonly string[]): Offence[] {
  const names = new Set([...Object.keys(sources), ...Object.keys(connections)]);
  const protocol = protocolTypes(root);
  const out: Offence[] = [];
  for (const file of files) {
    if (KIND_HOMES.some((h) => h.test(file))) continue;
    const text = code(readFileSync(join(root, file), "utf8"));
    const lineOf = (index: number) => text.slice(0, index).split("\n").length;
    const report = (index: number) => {
      const line = lineOf(index);
      if (!out.some((o) => o.file === file && o.line === line))
        out.push({ file, line, text: text.split("\n")[line - 1]!.trim() });
    };
    for (const m of text.matchAll(/(["'`])([a-z][a-z0-9-]*)\1/g)) {
      const literal = m[2]!;
      if (names.has(literal) && !NOT_KINDS.some((n) => n.literal === literal && n.file.test(file))) report(m.index);
    }
    for (const re of COMPARED) for (const m of text.matchAll(re)) if (!protocol.has(m[2]!)) report(m.index);
    for (const m of text.matchAll(LOOKED_UP)) {
      const literals = [...m[1]!.matchAll(/(["'`])([^"'`]*)\1/g)].map((l) => l[2]!);
      if (literals.some((l) => !protocol.has(l))) report(m.index);
    }
    for (const m of text.matchAll(SWITCH)) {
      if (caseLiterals(text, m.index + m[0].length - 1).some((l) => !protocol.has(l))) report(m.index);
    }
  }
  return out;
}

export function scannedFiles(root: string): string[] {
  return SCANNED.flatMap(({ dir, ext }) => walk(root, dir, ext));
}

/** Config problems as users read them: `file: json.path: what is wrong`. */
import type { z } from "zod";

export interface ConfigIssue {
  path: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly issues: ConfigIssue[],
  ) {
    super(issues.map((i) => formatIssue(file, i)).join("\n"));
    this.name = "ConfigError";
  }
}

export function formatIssue(file: string, issue: ConfigIssue): string {
  return issue.path ? `${file}: ${issue.path}: ${issue.message}` : `${file}: ${issue.message}`;
}

/** `boards[0].tiles[2].every` from zod's path array. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(String(part))) out += out ? `.${String(part)}` : String(part);
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

/** Every zod issue, each with a message that says what is expected. */
export function fromZod(error: z.ZodError, input: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === "invalid_union" && issue.errors.length > 0 && issue.errors.every((e) => e.length > 0)) {
      // A discriminated union names the bad discriminator; otherwise report the closest branch.
      const discriminator = (issue as { discriminator?: string }).discriminator;
      if (!discriminator) {
        const best = issue.errors.reduce((a, b) => (b.length < a.length ? b : a));
        for (const sub of best) issues.push({ path: jsonPath([...issue.path, ...sub.path]), message: sub.message });
        continue;
      }
    }
    issues.push({ path: jsonPath(issue.path), message: describe(issue, input) });
  }
  return dedupe(issues);
}

function describe(issue: z.core.$ZodIssue, input: unknown): string {
  const value = valueAt(input, issue.path);
  if (issue.code === "invalid_union") {
    const discriminator = (issue as { discriminator?: string }).discriminator;
    const note = (issue as { note?: string }).note;
    if (discriminator || note === "No matching discriminator") {
      return issue.message;
    }
  }
  if (issue.code === "unrecognized_keys")
    return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  if (issue.code === "invalid_type" && value === undefined) return `is required (${issue.expected})`;
  return issue.message;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const p of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

function dedupe(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

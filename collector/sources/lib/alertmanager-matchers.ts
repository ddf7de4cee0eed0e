/**
 * Alertmanager's matcher syntax (`severity="critical"`, `team=~"ops|infra"`,
 * `{env!="dev", job="node"}`), to validate a tile's `filter` and to tell
 * whether a webhook payload concerns it. Regexes are anchored as Alertmanager
 * anchors them.
 * @see https://prometheus.io/docs/alerting/latest/configuration/#matcher
 */
export interface Matcher {
  name: string;
  op: "=" | "!=" | "=~" | "!~";
  value: string;
  re?: RegExp;
}

const ONE = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(=~|!~|!=|=)\s*(?:"((?:[^"\\]|\\.)*)"|([^",{}]*?))\s*$/;

/** Split on commas outside double quotes. */
function split(text: string): string[] {
  const parts: string[] = [];
  let cur = "",
    quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\" && quoted) {
      cur += c + (text[++i] ?? "");
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === "," && !quoted) {
      parts.push(cur);
      cur = "";
      continue;
    }
    cur += c;
  }
  parts.push(cur);
  return parts.filter((p) => p.trim() !== "");
}

/** The matchers in one filter string; throws with a readable message when it does not parse. */
export function parseMatchers(text: string): Matcher[] {
  const inner = text.trim().replace(/^\{([\s\S]*)\}$/, "$1");
  const parts = split(inner);
  if (parts.length === 0) throw new Error(`"${text}" has no matcher`);
  return parts.map((part) => {
    const m = ONE.exec(part);
    if (!m) throw new Error(`"${part.trim()}" is not a matcher like name="value" or name=~"regex"`);
    const value = m[3] !== undefined ? m[3].replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c)) : m[4]!;
    const op = m[2] as Matcher["op"];
    let re: RegExp | undefined;
    if (op === "=~" || op === "!~") {
      try {
        re = new RegExp(`^(?:${value})$`);
      } catch (err) {
        throw new Error(`"${part.trim()}" has a bad regex: ${(err as Error).message}`);
      }
    }
    return { name: m[1]!, op, value, re };
  });
}

/** The error in a filter string, or undefined when it parses. */
export function matcherError(text: string): string | undefined {
  try {
    parseMatchers(text);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

export function matchesLabels(matchers: readonly Matcher[], labels: Record<string, unknown>): boolean {
  return matchers.every((m) => {
    const v = typeof labels[m.name] === "string" ? (labels[m.name] as string) : "";
    switch (m.op) {
      case "=":
        return v === m.value;
      case "!=":
        return v !== m.value;
      case "=~":
        return m.re!.test(v);
      case "!~":
        return !m.re!.test(v);
    }
  });
}

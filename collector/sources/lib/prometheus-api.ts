/**
 * The Prometheus HTTP API envelope, shared by the `prometheus` and
 * `prometheus-targets` kinds.
 * @see https://prometheus.io/docs/prometheus/latest/querying/api/#format-overview
 */
import { z } from "zod";
import { parseAnswer } from "./answer-shape.ts";

/** Statuses whose JSON body carries Prometheus's own error text: 400 bad_data, 422 execution. */
export const PROM_ERROR_STATUSES = [400, 422];

const envelope = z
  .object({
    status: z.string(),
    data: z.unknown().optional(),
    errorType: z.string().optional(),
    error: z.string().optional(),
    warnings: z.array(z.string()).optional(),
  })
  .loose();

export interface PromAnswer {
  data: unknown;
  warnings: string[];
}

/** The `data` of a success answer; an error answer throws with Prometheus's own words. */
export function promData(body: unknown, what: string): PromAnswer {
  const b = parseAnswer(envelope, body, what);
  if (b.status === "error")
    throw new Error(`${what}: ${b.errorType ? `${b.errorType}: ` : ""}${b.error ?? "error without a message"}`);
  if (b.status !== "success") throw new Error(`${what} answered with unknown status ${JSON.stringify(b.status)}`);
  if (b.data === undefined) throw new Error(`${what} answered in an unexpected shape: data: missing`);
  return { data: b.data, warnings: b.warnings ?? [] };
}

/** Go's `strconv.FormatFloat` spellings of a finite number; JS's `Number()` would also take "", " " and "0x10". */
const FINITE_SAMPLE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Sample values are strings, with Go's spellings of the special floats; anything else is NaN, never 0. */
export function sampleValue(text: string): number {
  if (text === "+Inf" || text === "Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  return FINITE_SAMPLE.test(text) ? Number(text) : NaN;
}

/** Plain words for a sample that is no finite number ("the query returned …"); undefined for a finite one. */
export function sampleProblem(text: string): string | undefined {
  if (FINITE_SAMPLE.test(text)) return undefined;
  if (text.trim() === "") return `an empty value (${JSON.stringify(text)}) instead of a number`;
  if (text === "NaN") return "NaN: not a number, e.g. from 0/0";
  if (/^[+-]?Inf$/.test(text)) {
    return `${text.startsWith("-") ? "-" : "+"}Inf: an infinite value, e.g. from a division by zero`;
  }
  return `${JSON.stringify(text)}, which is not a number`;
}

/** `job="node", instance="a:9100"` — PromQL's own spelling, with `__name__` in front as PromQL writes it. */
export function labelText(labels: Record<string, string>, skip: ReadonlySet<string> = new Set()): string {
  const name = skip.has("__name__") ? undefined : labels.__name__;
  const pairs = Object.entries(labels)
    .filter(([k]) => k !== "__name__" && !skip.has(k))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}="${v}"`);
  if (!pairs.length) return name ?? "{}";
  return `${name ?? ""}{${pairs.join(", ")}}`;
}

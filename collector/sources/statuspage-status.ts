/**
 * `statuspage-status` (TRIAL, to count files): a Statuspage page's overall indicator.
 * @see https://metastatuspage.com/api#status
 */
import { z } from "zod";
import type { Status, TileFields } from "../contract.ts";
import { parseAnswer } from "./lib/answer-shape.ts";
import { lookup } from "./lib/ci-runs.ts";
import { defineSource, type NormaliseContext } from "./define.ts";

export const params = z.object({});
type Params = z.infer<typeof params>;

export const INDICATOR: Record<string, Status> = { none: "ok", minor: "warn", major: "fail", critical: "fail" };
const body = z.object({ status: z.object({ indicator: z.string(), description: z.string() }).loose() }).loose();

function normalise(answer: unknown, _p: Params, _ctx: NormaliseContext): TileFields {
  const { status } = parseAnswer(body, answer, "Statuspage status");
  const s = lookup(INDICATOR, status.indicator);
  return { status: s, summary: status.description, ...(s === "unknown" ? { error: `unknown indicator "${status.indicator}"` } : {}) };
}

export default defineSource({
  kind: "statuspage-status",
  connection: "statuspage",
  family: "check",
  description: "The overall indicator of a Statuspage page: none → ok, minor → warn, major/critical → fail (trial kind).",
  notes: `Indicator \`none\` → ok, \`minor\` → warn, \`major\` and \`critical\` → fail; anything else → unknown, named.`,
  params,
  async load(ctx) {
    return (await ctx.http.json("/api/v2/status.json", { signal: ctx.signal })).body;
  },
  normalise,
});

/**
 * `http`: an HTTP check. Unlike other kinds, an unreachable URL is not
 * "unknown": it is exactly the failure this tile reports, so it is `fail`.
 */
import { z } from "zod";
import type { TileFields } from "../contract.ts";
import { UpstreamError } from "../http-client.ts";
import { appendSeries } from "../series.ts";
import { safeLink } from "../redact.ts";
import { defineSource } from "./define.ts";

export const params = z.object({
  url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).describe("The URL to GET."),
  expect: z.array(z.number().int().min(100).max(599)).min(1).default([200])
    .describe("Statuses that count as up; default [200]."),
  warnMs: z.number().positive().default(1000).describe("Warn when the answer takes longer than this many milliseconds."),
});
type Params = z.infer<typeof params>;

export interface CheckResult {
  status: number;
  elapsedMs: number;
}

export function toTileFields(result: CheckResult | UpstreamError, p: Params, now: Date, previous?: TileFields): TileFields {
  const url = safeLink(p.url);
  if (result instanceof UpstreamError) {
    return { status: "fail", summary: `down: ${result.message}`, url, series: previous?.series };
  }
  const ms = Math.round(result.elapsedMs);
  const series = appendSeries(previous?.series, { t: now.getTime(), v: ms });
  if (!p.expect.includes(result.status)) {
    return { status: "fail", summary: `HTTP ${result.status} (expected ${p.expect.join(" or ")}) in ${ms} ms`, value: ms, unit: "ms", series, url };
  }
  const slow = ms > p.warnMs;
  return {
    status: slow ? "warn" : "ok",
    summary: `HTTP ${result.status} in ${ms} ms${slow ? ` (slower than ${p.warnMs} ms)` : ""}`,
    value: ms, unit: "ms", series, url,
  };
}

export default defineSource({
  kind: "http",
  family: "check",
  description: "GET a URL: ok on an expected status, warn when slow, fail on a wrong status or when unreachable.",
  params,
  async poll(ctx, p) {
    let result: CheckResult | UpstreamError;
    try {
      const res = await ctx.http.text(p.url, { anyStatus: true, signal: ctx.signal });
      result = { status: res.status, elapsedMs: res.elapsedMs };
    } catch (err) {
      if (!(err instanceof UpstreamError) || err.code === "too-large") throw err;
      result = err;
    }
    return toTileFields(result, p, ctx.now, ctx.previous);
  },
});

/**
 * `gatus`: every endpoint of a Gatus by its latest result, with the conditions
 * that failed named.
 * @see https://github.com/TwiN/gatus/blob/master/api/endpoint_status.go (GET /api/v1/endpoints/statuses, page + pageSize)
 * @see https://github.com/TwiN/gatus/blob/master/core/result.go (status, hostname, duration ns, errors, conditionResults, success, timestamp)
 */
import { z } from "zod";
import { STATUS_RANK, type Status, type TileFields, type TileItem } from "../contract.ts";
import { ago } from "../durations.ts";
import { appendSeries } from "../series.ts";
import { safeLink } from "../links.ts";
import { parseAnswer } from "./lib/answer-shape.ts";
import { defineSource } from "./define.ts";

export const params = z.object({
  group: z.string().min(1).optional().describe("Only endpoints of this Gatus group."),
  limit: z.number().int().min(0).max(100).default(20).describe("How many endpoints to list, failing ones first."),
});
type Params = z.infer<typeof params>;

/** Results per endpoint asked for: the latest decides, the rest give the success rate. */
export const PAGE_SIZE = 20;

const result = z
  .object({
    status: z.number().optional(),
    hostname: z.string().optional(),
    duration: z.number().optional(),
    errors: z.array(z.string()).default([]),
    conditionResults: z.array(z.object({ condition: z.string(), success: z.boolean() }).loose()).default([]),
    success: z.boolean(),
    timestamp: z.string(),
  })
  .loose();
const endpoint = z
  .object({ name: z.string(), group: z.string().optional(), key: z.string(), results: z.array(result) })
  .loose();
/** Built once, not on every poll. */
const endpointList = z.array(endpoint);

export interface Answer {
  endpoints: unknown;
  root: string;
}

export function toTileFields(
  answer: Answer,
  p: Params,
  now: Date,
  previous?: { series?: TileFields["series"] },
): TileFields {
  const all = parseAnswer(endpointList, answer.endpoints, "Gatus endpoint statuses").filter(
    (e) => !p.group || e.group === p.group,
  );
  const judged = all.map((e) => {
    // Gatus returns a page of results oldest first: the last one is the latest.
    const last = e.results[e.results.length - 1];
    const status: Status = !last ? "unknown" : last.success ? "ok" : "fail";
    const failed = last ? last.conditionResults.filter((c) => !c.success).map((c) => c.condition) : [];
    return { e, last, status, failed };
  });
  const sorted = [...judged].sort(
    (a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || a.e.name.localeCompare(b.e.name),
  );
  const items: TileItem[] = sorted.slice(0, p.limit).map(({ e, last, status, failed }) => ({
    title: e.group ? `${e.group}/${e.name}` : e.name,
    status,
    url: safeLink(`${answer.root}/endpoints/${encodeURIComponent(e.key)}`),
    detail: !last
      ? "no result yet"
      : [
          last.success ? "healthy" : failed.length ? `failed ${failed.join(", ")}` : "failed",
          ...last.errors.slice(0, 2),
          last.duration !== undefined ? `${Math.round(last.duration / 1e6)} ms` : undefined,
          ago(last.timestamp, now),
        ]
          .filter(Boolean)
          .join(" · "),
    at: last?.timestamp,
  }));
  const failing = sorted.filter((j) => j.status === "fail");
  const waiting = judged.filter((j) => j.status === "unknown").length;
  const status: Status =
    all.length === 0
      ? "unknown"
      : judged.reduce<Status>((w, j) => (STATUS_RANK[j.status] < STATUS_RANK[w] ? j.status : w), "ok");
  const summary =
    all.length === 0
      ? `no endpoints${p.group ? ` in group ${p.group}` : ""}`
      : failing.length === 1
        ? `${failing[0]!.e.name} failing: ${failing[0]!.failed.join(", ") || failing[0]!.last!.errors[0] || "unhealthy"}`
        : failing.length
          ? `${failing.length} of ${all.length} failing: ${failing
              .slice(0, 3)
              .map((f) => f.e.name)
              .join(", ")}`
          : `${all.length - waiting} of ${all.length} healthy${waiting ? ` · ${waiting} without a result yet` : ""}`;
  const recent = judged.flatMap((j) => j.e.results);
  const rate = recent.length
    ? Math.round((1000 * recent.filter((r) => r.success).length) / recent.length) / 10
    : undefined;
  return {
    status,
    summary,
    items,
    url: safeLink(answer.root),
    value: failing.length,
    ...(rate !== undefined ? { series: appendSeries(previous?.series, { t: now.getTime(), v: rate }) } : {}),
    error:
      all.length === 0 ? `Gatus has no endpoints${p.group ? ` in group ${JSON.stringify(p.group)}` : ""}` : undefined,
  };
}

export default defineSource<typeof params, Answer>({
  kind: "gatus",
  connection: "gatus",
  family: "list",
  description:
    "Gatus endpoints by their latest result: unsuccessful → fail (failed conditions named), all healthy → ok.",
  params,
  notes: [
    "Reads `GET /api/v1/endpoints/statuses?page=1&pageSize=20`: Gatus pages the *results* of each endpoint (oldest",
    "first within the page), not the endpoints; every endpoint comes in one answer. An endpoint whose latest result has",
    "`success: false` fails the tile, and the conditions with `success: false` are named (else its `errors`). An endpoint",
    "without results yet, or no endpoints at all (in `group`), makes it `unknown`. The value is the number failing; the",
    "sparkline is the success rate (%) over those results.",
  ].join("\n"),
  async load(ctx) {
    const res = await ctx.http.json("/api/v1/endpoints/statuses", {
      query: { page: 1, pageSize: PAGE_SIZE },
      signal: ctx.signal,
    });
    return { endpoints: res.body, root: ctx.baseUrl ?? ctx.http.resolve("/").replace(/\/+$/, "") };
  },
  normalise: (answer, p, { now, previous }) => toTileFields(answer, p, now, previous),
});

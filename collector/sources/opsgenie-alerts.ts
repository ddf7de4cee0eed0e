/**
 * `opsgenie-alerts`: open Opsgenie alerts by priority — P1/P2 fail the tile,
 * P3–P5 warn; acknowledged and snoozed alerts are marked as such.
 * @see https://docs.opsgenie.com/docs/alert-api#list-alerts
 * @see https://docs.opsgenie.com/docs/pagination (offset, limit ≤ 100, paging.next)
 */
import { z } from "zod";
import { STATUS_RANK, worstStatus, type Status, type TileFields, type TileItem } from "../contract.ts";
import { ago } from "../durations.ts";
import { safeLink } from "../links.ts";
import { parseAnswer } from "./lib/answer-shape.ts";
import { defineSource, type NormaliseContext } from "./define.ts";

export const params = z.object({
  query: z
    .string()
    .min(1)
    .optional()
    .describe("More Opsgenie search conditions, ANDed with `status:open`, e.g. `tag:prod AND teams:ops`."),
  limit: z.number().int().min(0).max(50).default(10).describe("How many alerts to list on the tile."),
});
type Params = z.infer<typeof params>;

/** Alert `priority`. @see https://support.atlassian.com/opsgenie/docs/what-are-alert-priorities/ */
export const PRIORITY: Readonly<Record<string, Status>> = {
  P1: "fail",
  P2: "fail",
  P3: "warn",
  P4: "warn",
  P5: "warn",
};

const alert = z
  .object({
    id: z.string(),
    tinyId: z.string().optional(),
    message: z.string(),
    status: z.string().optional(),
    acknowledged: z.boolean().optional(),
    snoozed: z.boolean().optional(),
    priority: z.string(),
    owner: z.string().optional(),
    createdAt: z.string(),
    count: z.number().optional(),
    report: z.object({ acknowledgedBy: z.string().optional() }).loose().optional(),
  })
  .loose();
const page = z
  .object({ data: z.array(alert), paging: z.object({ next: z.string().optional() }).loose().optional() })
  .loose();
export type Alert = z.infer<typeof alert>;

const PAGE_SIZE = 100;
const MAX_PAGES = 5;

export interface OpsgenieAnswer {
  alerts: readonly Alert[];
  /** The web UI's root, from the connection, for links to each alert. */
  site?: string;
  /** Pages were left unread. */
  truncated?: boolean;
}

function normalise({ alerts, ...opts }: OpsgenieAnswer, p: Params, { now }: NormaliseContext): TileFields {
  const unknown = new Set<string>();
  const judged = alerts.map((a) => {
    const status = Object.hasOwn(PRIORITY, a.priority) ? PRIORITY[a.priority]! : "unknown";
    if (status === "unknown") unknown.add(a.priority);
    return { a, status };
  });
  const sorted = [...judged].sort(
    (x, y) =>
      STATUS_RANK[x.status] - STATUS_RANK[y.status] ||
      x.a.priority.localeCompare(y.a.priority) ||
      Date.parse(x.a.createdAt) - Date.parse(y.a.createdAt),
  );
  const site = opts.site?.replace(/\/+$/, "");
  const items: TileItem[] = sorted.slice(0, p.limit).map(({ a, status }) => ({
    title: `${a.priority} ${a.message}`,
    status,
    url: site ? safeLink(`${site}/alert/detail/${encodeURIComponent(a.id)}/details`) : undefined,
    detail: [
      a.acknowledged
        ? `acknowledged${a.report?.acknowledgedBy ? ` by ${a.report.acknowledgedBy}` : ""}`
        : "not acknowledged",
      a.snoozed ? "snoozed" : undefined,
      a.owner !== a.report?.acknowledgedBy ? a.owner : undefined,
      a.count && a.count > 1 ? `×${a.count}` : undefined,
      ago(a.createdAt, now),
    ]
      .filter(Boolean)
      .join(" · "),
    at: a.createdAt,
  }));
  let status = worstStatus(judged.map((j) => j.status));
  const errors = unknown.size
    ? [`unknown Opsgenie priority ${[...unknown].map((v) => JSON.stringify(v)).join(", ")}`]
    : [];
  if (opts.truncated && status !== "fail") {
    status = "unknown";
    errors.push(`more than ${alerts.length} open alerts; only the first ${alerts.length} were read`);
  }
  const counts = new Map<string, number>();
  for (const a of alerts) counts.set(a.priority, (counts.get(a.priority) ?? 0) + 1);
  const byPriority = [...counts].sort(([x], [y]) => x.localeCompare(y)).map(([prio, n]) => `${n} ${prio}`);
  const acked = alerts.filter((a) => a.acknowledged).length;
  return {
    status,
    summary:
      alerts.length === 0
        ? "no open alerts"
        : `${alerts.length}${opts.truncated ? "+" : ""} open: ${byPriority.join(", ")}${acked ? ` · ${acked} acknowledged` : ""}`,
    value: alerts.length,
    since:
      status === "fail"
        ? judged
            .filter((j) => j.status === "fail")
            .map((j) => j.a.createdAt)
            .sort((a, b) => Date.parse(a) - Date.parse(b))[0]
        : undefined,
    items,
    error: errors.length ? errors.join("; ") : undefined,
  };
}

export default defineSource({
  kind: "opsgenie-alerts",
  connection: "opsgenie",
  family: "list",
  description: "Open Opsgenie alerts by priority: P1/P2 → fail, P3–P5 → warn, none → ok; acknowledged alerts marked.",
  notes: `Open alerts (\`GET /v2/alerts?query=status:open…\`, 100 a page, following
\`paging.next\` by offset, at most 500).

Status by priority: any **P1/P2** → fail; **P3–P5** only → warn; none → ok; an
unknown priority → unknown, named in the error. Acknowledged alerts still count
by their priority but are marked "acknowledged by …" (and snoozed ones
"snoozed"). Summary: "3 open: 1 P1, 1 P3, 1 P5 · 1 acknowledged".

\`\`\`json
{ "id": "og-alerts", "title": "Opsgenie alerts (prod)", "kind": "opsgenie-alerts", "connection": "og", "query": "tag:prod" }
\`\`\``,
  params,
  async load(ctx, p): Promise<OpsgenieAnswer> {
    const query = p.query ? `status:open AND (${p.query})` : "status:open";
    const alerts: Alert[] = [];
    let more = false;
    for (let n = 0; n < MAX_PAGES; n++) {
      const res = await ctx.http.json("/v2/alerts", {
        query: { query, offset: alerts.length, limit: PAGE_SIZE, sort: "createdAt", order: "desc" },
        signal: ctx.signal,
      });
      const body = parseAnswer(page, res.body, "Opsgenie alerts");
      alerts.push(...body.data);
      more = !!body.paging?.next && body.data.length > 0;
      if (!more) break;
    }
    const site = (ctx.connection as { site?: string } | undefined)?.site;
    return { alerts, site, truncated: more };
  },
  normalise,
});

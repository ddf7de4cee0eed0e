/**
 * `pagerduty-incidents`: open incidents of some services or teams. Any
 * triggered incident fails the tile; acknowledged ones only warn.
 * @see https://developer.pagerduty.com/api-reference/9d0b4b12e36f9-list-incidents
 * @see https://developer.pagerduty.com/docs/pagination (classic: offset, limit, more, total)
 */
import { z } from "zod";
import { STATUS_RANK, worstStatus, type Status, type TileFields, type TileItem } from "../contract.ts";
import { ago } from "../durations.ts";
import { safeLink } from "../links.ts";
import { parseAnswer } from "./lib/answer-shape.ts";
import { distinct } from "./lib/issue-count.ts";
import { defineSource, type NormaliseContext } from "./define.ts";

export const params = z.object({
  services: z
    .array(z.string().min(1))
    .default([])
    .describe('Service IDs (e.g. ["PIJ90N7"]); left out, all services the key can see.'),
  teams: z.array(z.string().min(1)).default([]).describe("Team IDs; only incidents of these teams."),
  limit: z.number().int().min(0).max(50).default(10).describe("How many incidents to list on the tile."),
});
type Params = z.infer<typeof params>;

/** Incident `status`. Resolved ones are not asked for, but mean nothing open if they come. */
export const STATUS: Readonly<Record<string, Status>> = { triggered: "fail", acknowledged: "warn", resolved: "ok" };
/** Incident `urgency`: shown on the item, it does not change the status. */
export const URGENCIES = ["high", "low"] as const;

const ref = z
  .object({ id: z.string().optional(), summary: z.string().optional(), html_url: z.string().nullish() })
  .loose();
const incident = z
  .object({
    incident_number: z.number().optional(),
    title: z.string().optional(),
    summary: z.string().optional(),
    status: z.string(),
    urgency: z.string().optional(),
    html_url: z.string().optional(),
    created_at: z.string(),
    service: ref.nullish(),
    assignments: z.array(z.object({ assignee: ref }).loose()).optional(),
  })
  .loose();
const page = z
  .object({
    incidents: z.array(incident),
    more: z.boolean().optional(),
    offset: z.number().optional(),
    total: z.number().nullish(),
  })
  .loose();
export type Incident = z.infer<typeof incident>;

const PAGE_SIZE = 100;
const MAX_PAGES = 5;

export interface IncidentsAnswer {
  incidents: Incident[];
  /** From `total=true`; null when PagerDuty did not count. */
  total?: number | null;
  /** Pages were left unread, so more incidents exist than were seen. */
  truncated?: boolean;
}

function normalise(a: IncidentsAnswer, p: Params, { now }: NormaliseContext): TileFields {
  const unknown = new Set<string>();
  const judged = a.incidents.map((i) => {
    let status = Object.hasOwn(STATUS, i.status) ? STATUS[i.status]! : "unknown";
    if (status === "unknown") unknown.add(`status "${i.status}"`);
    if (i.urgency !== undefined && !(URGENCIES as readonly string[]).includes(i.urgency)) {
      unknown.add(`urgency "${i.urgency}"`);
      status = worstStatus([status, "unknown"]);
    }
    return { i, status };
  });
  const open = judged.filter((j) => j.status !== "ok");
  open.sort(
    (x, y) => STATUS_RANK[x.status] - STATUS_RANK[y.status] || Date.parse(x.i.created_at) - Date.parse(y.i.created_at),
  );
  const items: TileItem[] = open.slice(0, p.limit).map(({ i, status }) => ({
    title: `${i.incident_number !== undefined ? `#${i.incident_number} ` : ""}${i.title ?? i.summary ?? "incident"}`,
    status,
    url: safeLink(i.html_url),
    detail: [
      i.status,
      i.service?.summary,
      i.urgency ? `${i.urgency} urgency` : undefined,
      (i.assignments ?? [])
        .map((x) => x.assignee.summary)
        .filter(Boolean)
        .join(", ") || "unassigned",
      ago(i.created_at, now),
    ]
      .filter(Boolean)
      .join(" · "),
    at: i.created_at,
  }));
  const triggered = judged.filter((j) => j.i.status === "triggered");
  const acked = judged.filter((j) => j.i.status === "acknowledged");
  let status = worstStatus(judged.map((j) => j.status));
  const errors = unknown.size ? [`unknown PagerDuty value ${[...unknown].join(", ")}`] : [];
  // Unread pages may hold a triggered incident: below fail, the tile cannot vouch for itself.
  if (a.truncated && status !== "fail") {
    status = "unknown";
    errors.push(`more than ${a.incidents.length} open incidents; only the first ${a.incidents.length} were read`);
  }
  const counted = a.total ?? a.incidents.length;
  const parts = [
    triggered.length ? `${triggered.length} triggered` : "",
    acked.length ? `${acked.length} acknowledged` : "",
  ].filter(Boolean);
  const oldest = open.length ? open.map((j) => j.i.created_at).sort()[0] : undefined;
  return {
    status,
    summary:
      counted === 0
        ? "no open incidents"
        : `${parts.join(", ") || `${counted} open`}${counted > a.incidents.length ? ` (${counted} open in all)` : ""}${oldest ? ` · oldest ${ago(oldest, now)}` : ""}`,
    value: counted,
    since: status === "fail" ? triggered.map((j) => j.i.created_at).sort()[0] : undefined,
    items,
    people: distinct(open.flatMap((j) => (j.i.assignments ?? []).map((x) => x.assignee.summary))),
    error: errors.length ? errors.join("; ") : undefined,
  };
}

export default defineSource({
  kind: "pagerduty-incidents",
  connection: "pagerduty",
  family: "list",
  description:
    "Open PagerDuty incidents of some services or teams: triggered → fail, acknowledged only → warn, none → ok.",
  notes: `Open incidents (\`GET /incidents\` with \`statuses[]=triggered&statuses[]=acknowledged\`
and \`date_range=all\`, so an incident opened long ago still counts).

Status: any **triggered** incident → fail (red since the oldest triggered one);
only **acknowledged** ones → warn; none → ok; an unknown status or urgency →
unknown, named in the error. Items, triggered first: \`#number title\` with status ·
service · urgency · assignees · age, linked to the incident; people are the
assignees. Pages are read (\`offset\`/\`more\`) only until a triggered incident and
\`limit\` items are in hand; the count comes from \`total=true\`.

\`\`\`json
{ "id": "incidents", "title": "Open incidents", "kind": "pagerduty-incidents", "connection": "pd", "services": ["PIJ90N7"] }
\`\`\``,
  params,
  async load(ctx, p): Promise<IncidentsAnswer> {
    const incidents: Incident[] = [];
    let total: number | null | undefined;
    let more = false;
    for (let n = 0; n < MAX_PAGES; n++) {
      const res = await ctx.http.json("/incidents", {
        query: {
          "statuses[]": ["triggered", "acknowledged"],
          "service_ids[]": p.services,
          "team_ids[]": p.teams,
          // Without date_range=all only the last month is searched, and an older open incident would be missed.
          date_range: "all",
          limit: PAGE_SIZE,
          offset: incidents.length,
          total: n === 0 ? true : undefined,
        },
        signal: ctx.signal,
      });
      const body = parseAnswer(page, res.body, "PagerDuty incidents");
      if (n === 0) total = body.total;
      incidents.push(...body.incidents);
      more = body.more === true && body.incidents.length > 0;
      // Enough read: a triggered incident decides the status, and the tile shows only `limit`.
      if (!more || (incidents.length >= p.limit && incidents.some((i) => i.status === "triggered"))) break;
    }
    const truncated = more && !incidents.some((i) => i.status === "triggered");
    return { incidents, total, truncated };
  },
  normalise,
});

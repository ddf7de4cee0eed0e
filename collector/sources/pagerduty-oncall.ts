/**
 * `pagerduty-oncall`: who holds the pager now for a schedule or an escalation
 * policy, until when, and who is next. Neutral ok while someone is on call;
 * fail when nobody is.
 * @see https://developer.pagerduty.com/api-reference/3a6b910f11050-list-all-of-the-on-calls
 */
import { z } from "zod";
import type { TileFields, TileItem } from "../contract.ts";
import { formatAge } from "../durations.ts";
import { safeLink } from "../links.ts";
import { parseAnswer } from "./lib/answer-shape.ts";
import { distinct } from "./lib/issue-count.ts";
import { defineSource, type NormaliseContext } from "./define.ts";

export const params = z
  .object({
    schedule: z.string().min(1).optional().describe('Schedule ID (e.g. "PI7DH85"): who is on call in this rotation.'),
    escalationPolicy: z
      .string()
      .min(1)
      .optional()
      .describe("Escalation policy ID instead of a schedule: who is on call at its first level (or `level`)."),
    level: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("Escalation level to show; default the lowest level found (usually 1, the first responder)."),
  })
  .refine((p) => p.schedule || p.escalationPolicy, { message: "needs `schedule` or `escalationPolicy`" });
type Params = z.infer<typeof params>;

const ref = z
  .object({ id: z.string().optional(), summary: z.string().optional(), html_url: z.string().nullish() })
  .loose();
const oncall = z
  .object({
    user: ref.nullish(),
    schedule: ref.nullish(),
    escalation_policy: ref.nullish(),
    escalation_level: z.number(),
    // null for someone permanently on call at a level without a schedule
    start: z.string().nullish(),
    end: z.string().nullish(),
  })
  .loose();
const page = z.object({ oncalls: z.array(oncall), more: z.boolean().optional() }).loose();
export type OnCall = z.infer<typeof oncall>;

/** "Thu 3 Dec 09:00 UTC": rotations are weekly, so the weekday alone would be ambiguous. */
function when(iso: string): string {
  const s = new Date(iso).toUTCString(); // "Thu, 03 Dec 2026 09:00:00 GMT"
  return `${s.slice(0, 3)} ${Number(s.slice(5, 7))} ${s.slice(8, 11)} ${s.slice(17, 22)} UTC`;
}

function earliest(times: readonly (string | null | undefined)[]): string | undefined {
  return times
    .filter((t): t is string => !!t && !Number.isNaN(Date.parse(t)))
    .sort((a, b) => Date.parse(a) - Date.parse(b))[0];
}

function atLevel(entries: readonly OnCall[], level: number | undefined): OnCall[] {
  const wanted = level ?? Math.min(...entries.map((e) => e.escalation_level));
  return entries.filter((e) => e.escalation_level === wanted && e.user?.summary);
}

export interface OnCallAnswer {
  /** The on-calls at this moment. */
  current: readonly OnCall[];
  /** Those overlapping a moment just after the current shift ends. */
  upcoming: readonly OnCall[];
}

function normalise({ current: onCall, upcoming }: OnCallAnswer, p: Params, { now }: NormaliseContext): TileFields {
  const current = atLevel(onCall, p.level);
  const target = p.schedule ? `schedule ${p.schedule}` : `escalation policy ${p.escalationPolicy}`;
  if (current.length === 0) {
    return {
      status: "fail",
      summary: `nobody is on call for ${onCall[0]?.schedule?.summary ?? onCall[0]?.escalation_policy?.summary ?? target}`,
      items: [],
      people: [],
    };
  }
  const names = distinct(current.map((c) => c.user!.summary));
  const until = earliest(current.map((c) => c.end));
  const nextEntry = atLevel(
    upcoming.filter((u) => u.start),
    p.level,
  ).sort((a, b) => Date.parse(a.start!) - Date.parse(b.start!))[0];
  const next = nextEntry?.user?.summary;
  const items: TileItem[] = [
    ...current.map((c) => ({
      title: c.user!.summary!,
      status: "ok" as const,
      url: safeLink(c.user!.html_url),
      detail: c.end
        ? `on call until ${when(c.end)} (${formatAge(Date.parse(c.end) - now.getTime())} left)`
        : "on call, no end",
    })),
    ...(nextEntry
      ? [
          {
            title: next!,
            url: safeLink(nextEntry.user!.html_url),
            detail: `next, from ${when(nextEntry.start!)}${nextEntry.end ? ` until ${when(nextEntry.end)}` : ""}`,
          },
        ]
      : []),
  ];
  return {
    status: "ok",
    summary: `${names.join(", ")} on call${until ? ` until ${when(until)}` : ""}${next ? ` · next ${next}` : ""}`,
    since: earliest(current.map((c) => c.start)),
    items,
    people: [...names, ...(next ? [`next: ${next}`] : [])],
    url: safeLink(current[0]!.schedule?.html_url ?? current[0]!.escalation_policy?.html_url),
  };
}

const MAX_PAGES = 3;

export default defineSource({
  kind: "pagerduty-oncall",
  connection: "pagerduty",
  family: "people",
  description:
    "Who is on call now for a PagerDuty schedule or escalation policy, until when, and who is next; fail when nobody is.",
  notes: `Who holds the pager: the on-call entries (\`GET /oncalls?earliest=true\`) of a
schedule or an escalation policy now, and a second look just after the current
shift ends for who is next.

The tile is a people tile: \`people\` lists who is on call, then \`next: NAME\`; the
summary reads "Alice Adams on call until Thu 3 Dec 09:00 UTC · next Chandra Rao".
Status stays **ok** while someone is on call and turns **fail** when nobody is.
Default poll every 5 min.

\`\`\`json
{ "id": "pager", "title": "On call", "kind": "pagerduty-oncall", "connection": "pd", "schedule": "PI7DH85" }
\`\`\``,
  params,
  every: "5m",
  async load(ctx, p): Promise<OnCallAnswer> {
    if (!p.schedule && !p.escalationPolicy) throw new Error("pagerduty-oncall needs `schedule` or `escalationPolicy`");
    const filter = {
      "schedule_ids[]": p.schedule ? [p.schedule] : undefined,
      "escalation_policy_ids[]": p.escalationPolicy ? [p.escalationPolicy] : undefined,
    };
    const read = async (window: { since?: string; until?: string }) => {
      const all: OnCall[] = [];
      for (let n = 0; n < MAX_PAGES; n++) {
        const res = await ctx.http.json("/oncalls", {
          query: { ...filter, ...window, earliest: true, time_zone: "UTC", limit: 100, offset: all.length },
          signal: ctx.signal,
        });
        const body = parseAnswer(page, res.body, "PagerDuty on-calls");
        all.push(...body.oncalls);
        if (!body.more || body.oncalls.length === 0) break;
      }
      return all;
    };
    const onCall = await read({});
    const current = atLevel(onCall, p.level);
    const until = earliest(current.map((c) => c.end));
    let upcoming: OnCall[] = [];
    if (until) {
      // A one-minute window just after the shift ends: whoever overlaps it is next.
      const from = Date.parse(until) + 60_000;
      upcoming = await read({ since: new Date(from).toISOString(), until: new Date(from + 60_000).toISOString() });
    }
    return { current: onCall, upcoming };
  },
  normalise,
});

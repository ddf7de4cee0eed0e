/**
 * `gitlab-issues`: how many issues of a GitLab project match labels and state,
 * judged by thresholds, with the newest listed. The count is the `X-Total`
 * header of the first page; GitLab leaves it out past 10,000 results, and then
 * the issues statistics endpoint counts instead.
 * @see https://docs.gitlab.com/api/issues/#list-project-issues
 * @see https://docs.gitlab.com/api/rest/#pagination (X-Total, X-Next-Page)
 * @see https://docs.gitlab.com/api/issues_statistics/#get-project-issues-statistics
 */
import { z } from "zod";
import type { TileFields, TileItem } from "../contract.ts";
import { ago } from "../durations.ts";
import { safeLink } from "../links.ts";
import { parseAnswer } from "./lib/answer-shape.ts";
import { countFields, countParams, distinct, seriesSoFar } from "./lib/issue-count.ts";
import { defineSource, type NormaliseContext } from "./define.ts";

export const params = z.object({
  project: z.union([z.string().min(1), z.number().int()]).describe("Project path (`acme/ops`) or numeric ID."),
  labels: z
    .array(z.string().min(1))
    .default([])
    .describe('Only issues with all of these labels, e.g. ["ops", "incident"].'),
  state: z.enum(["opened", "closed", "all"]).default("opened").describe("opened (default), closed or all."),
  ...countParams,
});
type Params = z.infer<typeof params>;

const person = z.object({ username: z.string(), name: z.string().optional() }).loose();
const issue = z
  .object({
    iid: z.number(),
    title: z.string(),
    web_url: z.string(),
    labels: z.array(z.string()).optional(),
    assignees: z.array(person).nullish(),
    created_at: z.string(),
    references: z.object({ full: z.string().optional() }).loose().optional(),
  })
  .loose();
const issues = z.array(issue);
const statistics = z
  .object({
    statistics: z
      .object({ counts: z.object({ all: z.number(), closed: z.number(), opened: z.number() }).loose() })
      .loose(),
  })
  .loose();

/** The first page of issues and the count (its `X-Total` header, or the statistics endpoint's). */
export interface GitlabIssuesAnswer {
  body: unknown;
  count: number;
}

function normalise(
  { body, count }: GitlabIssuesAnswer,
  p: Params,
  { now, previous, history }: NormaliseContext,
): TileFields {
  const list = parseAnswer(issues, body, "GitLab issues").slice(0, p.limit);
  const items: TileItem[] = list.map((i) => ({
    title: `#${i.iid} ${i.title}`,
    url: safeLink(i.web_url),
    detail: [
      (i.labels ?? []).join(", "),
      (i.assignees ?? []).map((a) => a.username).join(", ") || "unassigned",
      ago(i.created_at, now),
    ]
      .filter(Boolean)
      .join(" · "),
    at: i.created_at,
  }));
  const web = list[0]?.web_url.replace(/\/-\/(issues|work_items)\/\d+$/, "");
  const query = new URLSearchParams({ state: p.state, ...(p.labels.length ? { label_name: p.labels.join(",") } : {}) });
  return countFields(
    {
      count,
      items,
      noun: p.state === "opened" ? "open issue" : p.state === "closed" ? "closed issue" : "issue",
      url: web ? safeLink(`${web}/-/issues?${query}`) : undefined,
      people: distinct(list.flatMap((i) => (i.assignees ?? []).map((a) => a.username))),
    },
    p,
    now,
    seriesSoFar(previous?.series, history),
  );
}

export default defineSource({
  kind: "gitlab-issues",
  connection: "gitlab",
  family: "list",
  description:
    "How many issues of a GitLab project match labels and state, with warn/fail thresholds on the count and the newest listed.",
  notes: `Connection \`gitlab\` (see the CI kinds). How many issues of a project match labels
and state: one \`GET /projects/:id/issues\` whose \`X-Total\` header is the count
(past 10,000 results GitLab leaves it out, and the issues statistics endpoint
counts instead).

Token: a personal, group or project access token with the \`read_api\` scope and
at least the Reporter role (Guest can see issues too, but not confidential ones).
Public projects need none. Default poll every 1 min.

\`\`\`json
{ "id": "infra-issues", "title": "Infra incidents", "kind": "gitlab-issues", "connection": "gl",
  "project": "acme/infra", "labels": ["incident"], "warn": 1, "fail": 3 }
\`\`\``,
  params,
  every: "1m",
  async load(ctx, p): Promise<GitlabIssuesAnswer> {
    const project = `/projects/${encodeURIComponent(String(p.project))}`;
    const filter = { state: p.state, labels: p.labels.length ? p.labels.join(",") : undefined };
    const res = await ctx.http.json(`${project}/issues`, {
      query: { ...filter, order_by: "created_at", sort: "desc", per_page: Math.max(1, p.limit) },
      signal: ctx.signal,
    });
    const total = res.headers.get("x-total");
    let count: number;
    if (total !== null && /^\d+$/.test(total.trim())) count = Number(total);
    else if (!res.headers.get("x-next-page") && !/rel="next"/.test(res.headers.get("link") ?? "")) {
      count = Array.isArray(res.body) ? res.body.length : 0;
    } else {
      const stats = await ctx.http.json(`${project}/issues_statistics`, {
        query: { labels: filter.labels },
        signal: ctx.signal,
      });
      const counts = parseAnswer(statistics, stats.body, "GitLab issues statistics").statistics.counts;
      count = counts[p.state];
    }
    return { body: res.body, count };
  },
  normalise,
});

/**
 * `jira`: how many issues a JQL query finds, judged by thresholds, with the top
 * issues listed. Jira Cloud and Data Center search differently:
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/ (GET /rest/api/3/search/jql, POST /rest/api/3/search/approximate-count)
 * @see https://docs.atlassian.com/software/jira/docs/api/REST/9.12.0/#api/2/search (GET /rest/api/2/search)
 */
import { z } from "zod";
import type { TileFields, TileItem } from "../contract.ts";
import { ago } from "../durations.ts";
import { safeLink } from "../links.ts";
import { jiraFlavor } from "../connections/jira.ts";
import { parseAnswer } from "./lib/answer-shape.ts";
import { countFields, countParams, distinct, seriesSoFar } from "./lib/issue-count.ts";
import { defineSource, type NormaliseContext } from "./define.ts";

export const params = z.object({
  jql: z
    .string()
    .min(1)
    .describe(
      "The JQL query, e.g. `project = OPS AND statusCategory != Done ORDER BY priority DESC, created ASC`. Jira Cloud needs a bounded query (one with a restriction).",
    ),
  ...countParams,
});
type Params = z.infer<typeof params>;

const named = z.object({ name: z.string().optional() }).loose().nullish();
const issue = z
  .object({
    key: z.string(),
    fields: z
      .object({
        summary: z.string().nullish(),
        priority: named,
        status: named,
        // Cloud users have accountId + displayName; Data Center users name + displayName.
        assignee: z.object({ displayName: z.string().optional(), name: z.string().optional() }).loose().nullish(),
        created: z.string().nullish(),
      })
      .loose(),
  })
  .loose();
export type JiraIssue = z.infer<typeof issue>;

const cloudPage = z
  .object({ issues: z.array(issue), nextPageToken: z.string().nullish(), isLast: z.boolean().optional() })
  .loose();
const cloudCount = z.object({ count: z.number().int().min(0) }).loose();
const dcPage = z
  .object({ issues: z.array(issue), total: z.number().int().min(0), startAt: z.number().int().optional() })
  .loose();

const FIELDS = "summary,priority,status,assignee,created";
/** A page may hold fewer issues than asked for; never more requests than this for one tile. */
const MAX_PAGES = 5;

export interface JiraAnswer {
  count: number;
  issues: JiraIssue[];
}

function normalise(answer: JiraAnswer, p: Params, { now, previous, history, baseUrl }: NormaliseContext): TileFields {
  const site = baseUrl ?? "";
  const series = seriesSoFar(previous?.series, history);
  const items: TileItem[] = answer.issues.slice(0, p.limit).map((i) => {
    const f = i.fields;
    const who = f.assignee?.displayName ?? f.assignee?.name;
    return {
      title: `${i.key} ${f.summary ?? ""}`.trim(),
      url: safeLink(`${site}/browse/${encodeURIComponent(i.key)}`),
      detail: [f.priority?.name, f.status?.name, who ?? "unassigned", f.created ? ago(f.created, now) : undefined]
        .filter(Boolean)
        .join(" · "),
      at: f.created && !Number.isNaN(Date.parse(f.created)) ? new Date(f.created).toISOString() : undefined,
    };
  });
  return countFields(
    {
      count: answer.count,
      items,
      noun: "issue",
      url: safeLink(`${site}/issues/?jql=${encodeURIComponent(p.jql)}`),
      people: distinct(
        answer.issues.slice(0, p.limit).map((i) => i.fields.assignee?.displayName ?? i.fields.assignee?.name),
      ),
    },
    p,
    now,
    series,
  );
}

/** The count endpoint wants no ordering; a trailing ORDER BY changes nothing about how many. */
export function withoutOrderBy(jql: string): string {
  return jql.replace(/\s*\border\s+by\s+[^"']*$/i, "").trim() || jql;
}

export default defineSource({
  kind: "jira",
  connection: "jira",
  family: "list",
  description:
    "How many issues a JQL query finds (Jira Cloud or Data Center), with warn/fail thresholds on the count and the top issues listed.",
  notes: `How many issues a JQL query finds. On Cloud it reads the issues with the current
enhanced search (\`GET /rest/api/3/search/jql\`, following \`nextPageToken\` only
until \`limit\` issues are in hand) and counts with \`POST /rest/api/3/search/approximate-count\`
(skipped when the issues all fit on the page read); on Data Center one
\`GET /rest/api/2/search\` gives issues and \`total\`.

Items: \`KEY summary\`, with priority · status · assignee · age, linked to
\`<site>/browse/KEY\`; the tile links to the search in Jira. Default poll every 1 min.

\`\`\`json
{ "id": "ops-backlog", "title": "Ops backlog", "kind": "jira", "connection": "jira",
  "jql": "project = OPS AND statusCategory != Done ORDER BY priority DESC, created ASC", "warn": 25, "fail": 50 }
\`\`\``,
  params,
  every: "1m",
  async load(ctx, p): Promise<JiraAnswer> {
    const signal = ctx.signal;
    const issues: JiraIssue[] = [];
    let count: number;
    if (jiraFlavor(ctx.connection, ctx.baseUrl) === "cloud") {
      let nextPageToken: string | undefined;
      let exhausted = false;
      for (let page = 0; page < MAX_PAGES && issues.length < p.limit; page++) {
        const res = await ctx.http.json("/rest/api/3/search/jql", {
          query: { jql: p.jql, maxResults: p.limit - issues.length, fields: FIELDS, nextPageToken },
          signal,
        });
        const body = parseAnswer(cloudPage, res.body, "Jira search");
        issues.push(...body.issues);
        nextPageToken = body.nextPageToken ?? undefined;
        if (body.isLast === true || !nextPageToken) {
          exhausted = true;
          break;
        }
      }
      // When the last page has been read, the issues fetched are the count: no second request.
      if (exhausted) count = issues.length;
      else {
        const res = await ctx.http.json("/rest/api/3/search/approximate-count", {
          method: "POST",
          body: { jql: withoutOrderBy(p.jql) },
          signal,
        });
        // Approximate: it may lag behind the issues just read, never show fewer than those.
        count = Math.max(parseAnswer(cloudCount, res.body, "Jira approximate count").count, issues.length);
      }
    } else {
      let total = 0;
      for (let page = 0; page < MAX_PAGES; page++) {
        const res = await ctx.http.json("/rest/api/2/search", {
          query: { jql: p.jql, startAt: issues.length, maxResults: p.limit - issues.length, fields: FIELDS },
          signal,
        });
        const body = parseAnswer(dcPage, res.body, "Jira search");
        issues.push(...body.issues);
        total = body.total;
        if (body.issues.length === 0 || issues.length >= Math.min(p.limit, total)) break;
      }
      count = total;
    }
    return { count, issues };
  },
  normalise,
});

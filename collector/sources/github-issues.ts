/**
 * `github-issues`: how many issues (or pull requests) a GitHub search finds,
 * judged by thresholds, with the newest listed. One request: `total_count`
 * is the count, the first page the items.
 * @see https://docs.github.com/en/rest/search/search#search-issues-and-pull-requests
 */
import { z } from "zod";
import type { TileFields, TileItem } from "../contract.ts";
import { ago } from "../durations.ts";
import { safeLink } from "../links.ts";
import { parseAnswer } from "./lib/answer-shape.ts";
import { countFields, countParams, distinct, seriesSoFar } from "./lib/issue-count.ts";
import { defineSource, type NormaliseContext } from "./define.ts";

export const params = z.object({
  query: z
    .string()
    .min(1)
    .describe(
      "A GitHub search query, e.g. `repo:acme/ops is:issue is:open label:ops` (add `is:issue`, or pull requests count too).",
    ),
  sort: z
    .enum(["created", "updated", "comments"])
    .default("created")
    .describe("Which issues to list first: newest created, recently updated, or most commented."),
  ...countParams,
});
type Params = z.infer<typeof params>;

const user = z.object({ login: z.string() }).loose();
const item = z
  .object({
    number: z.number(),
    title: z.string(),
    html_url: z.string(),
    repository_url: z.string().optional(),
    user: user.nullish(),
    assignees: z.array(user).nullish(),
    labels: z.array(z.object({ name: z.string().optional() }).loose()).optional(),
    created_at: z.string(),
    pull_request: z.unknown().optional(),
  })
  .loose();
const answer = z
  .object({ total_count: z.number().int().min(0), incomplete_results: z.boolean(), items: z.array(item) })
  .loose();
export type SearchAnswer = z.infer<typeof answer>;

/** The search on github.com (or the Enterprise host) for the tile's link. */
export function searchPage(apiBase: string, query: string): string | undefined {
  try {
    const u = new URL(apiBase);
    const web = u.hostname === "api.github.com" ? "https://github.com" : u.origin;
    return safeLink(`${web}/search?type=issues&q=${encodeURIComponent(query)}`);
  } catch {
    return undefined;
  }
}

function normalise(body: unknown, p: Params, { now, previous, history, baseUrl }: NormaliseContext): TileFields {
  const apiBase = baseUrl ?? "https://api.github.com";
  const series = seriesSoFar(previous?.series, history);
  const a = parseAnswer(answer, body, "GitHub search");
  const shown = a.items.slice(0, p.limit);
  const items: TileItem[] = shown.map((i) => {
    const repo = i.repository_url?.split("/repos/")[1];
    const labels = (i.labels ?? [])
      .map((l) => l.name)
      .filter(Boolean)
      .join(", ");
    const who = (i.assignees ?? []).map((u) => u.login).join(", ");
    return {
      title: `#${i.number} ${i.title}`,
      url: safeLink(i.html_url),
      detail: [repo, i.pull_request ? "pull request" : undefined, labels, who || "unassigned", ago(i.created_at, now)]
        .filter(Boolean)
        .join(" · "),
      at: i.created_at,
    };
  });
  return countFields(
    {
      count: a.total_count,
      items,
      noun: "issue",
      url: searchPage(apiBase, p.query),
      people: distinct(shown.flatMap((i) => (i.assignees ?? []).map((u) => u.login))),
      incomplete: a.incomplete_results
        ? "GitHub's search timed out (incomplete_results): the count may be short"
        : undefined,
    },
    p,
    now,
    series,
  );
}

export default defineSource({
  kind: "github-issues",
  connection: "github",
  family: "list",
  description:
    "How many issues or pull requests a GitHub search finds, with warn/fail thresholds on the count and the newest listed.",
  notes: `Connection \`github\` (see the CI kinds). How many issues or pull requests a
[GitHub search](https://docs.github.com/en/search-github/searching-on-github/searching-issues-and-pull-requests)
finds, in one request (\`GET /search/issues\`: \`total_count\` is the count, the
first page the items). Add \`is:issue\` to leave pull requests out. If GitHub says
its search timed out (\`incomplete_results\`), the count may be short, so the tile
turns unknown unless it is already past \`fail\`.

Token: public repositories need none (but unauthenticated search allows only 10
requests a minute). For private repositories a fine-grained token with read-only
**Issues** (and **Pull requests**, if the query finds them) and **Metadata** on the
repositories, or a classic token with \`repo\`. The search API allows 30 requests a
minute per token, shared by all search tiles on the connection: the default poll
is every 1 min.

\`\`\`json
{ "id": "ops-issues", "title": "GitHub ops issues", "kind": "github-issues", "connection": "gh",
  "query": "repo:acme/ops is:issue is:open label:ops", "warn": 10, "fail": 20 }
\`\`\``,
  params,
  // The search API allows 30 requests a minute per token, shared by every search tile.
  every: "1m",
  async load(ctx, p) {
    const res = await ctx.http.json("/search/issues", {
      query: { q: p.query, sort: p.sort, order: "desc", per_page: Math.max(1, p.limit) },
      signal: ctx.signal,
    });
    return res.body;
  },
  normalise,
});

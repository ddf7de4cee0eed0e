/**
 * `github-actions`: the latest completed workflow run on a branch. One request
 * for the runs, one for the jobs of the run shown; both carry If-None-Match on
 * later polls, and GitHub does not count a 304 against the rate limit.
 */
import { z } from "zod";
import type { TileFields } from "../contract.ts";
import { defineSource, type NormaliseContext } from "./define.ts";
import {
  buildTileFields,
  decisiveIndex,
  itemStatus,
  jobItem,
  lookup,
  secondsBetween,
  type Run,
  type Verdict,
  type CiAnswer,
} from "./lib/ci-runs.ts";

export const params = z.object({
  repo: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, "owner/name")
    .describe("The repository, as owner/name."),
  branch: z.string().min(1).default("main").describe("The branch whose runs count; default main."),
  workflow: z
    .string()
    .min(1)
    .optional()
    .describe(
      "A workflow file name (ci.yml) or id; left out, every workflow on the branch is judged by its own latest run and the worst is shown.",
    ),
  runs: z.number().int().min(2).max(100).default(20).describe("How many recent runs to read (per_page); default 20."),
});
type Params = z.infer<typeof params>;

/**
 * Non-completed statuses all mean a newer run is on its way.
 * @see https://docs.github.com/en/rest/actions/workflow-runs#list-workflow-runs-for-a-repository
 */
export const STATUS: Readonly<Record<string, "running" | "completed">> = {
  queued: "running",
  in_progress: "running",
  waiting: "running",
  requested: "running",
  pending: "running",
  completed: "completed",
};

/**
 * A completed run's conclusion. action_required (a run awaiting approval),
 * neutral and stale say nothing about the code, so they are passed over like
 * cancelled and skipped runs.
 * @see https://docs.github.com/en/rest/guides/using-the-rest-api-to-interact-with-checks#about-check-suites
 */
export const CONCLUSION: Readonly<Record<string, Verdict>> = {
  success: "ok",
  failure: "fail",
  timed_out: "fail",
  startup_failure: "fail",
  cancelled: "skip",
  skipped: "skip",
  neutral: "skip",
  stale: "skip",
  action_required: "skip",
};

const OUTCOME: Record<string, string> = { timed_out: "timed out", startup_failure: "failed to start" };

/** A run's or job's verdict from its status × conclusion, naming the field that was not understood. */
export function verdictOf(status: unknown, conclusion: unknown): { verdict: Verdict; field: string; state: string } {
  const s = lookup(STATUS, status);
  if (s === "unknown") return { verdict: "unknown", field: "GitHub status", state: String(status) };
  if (s === "running") return { verdict: "running", field: "GitHub status", state: String(status) };
  return { verdict: lookup(CONCLUSION, conclusion), field: "GitHub conclusion", state: String(conclusion) };
}

const who = z.object({ login: z.string() }).nullish();
const runsBody = z.object({
  workflow_runs: z.array(
    z.object({
      id: z.number(),
      workflow_id: z.number().nullish(),
      name: z.string().nullish(),
      run_number: z.number(),
      status: z.string().nullish(),
      conclusion: z.string().nullish(),
      html_url: z.string(),
      created_at: z.string(),
      updated_at: z.string(),
      run_started_at: z.string().nullish(),
      actor: who,
      triggering_actor: who,
      head_commit: z
        .object({ timestamp: z.string().nullish(), author: z.object({ name: z.string() }).nullish() })
        .nullish(),
    }),
  ),
});
const jobsBody = z.object({
  jobs: z.array(
    z.object({
      name: z.string(),
      status: z.string().nullish(),
      conclusion: z.string().nullish(),
      html_url: z.string().nullish(),
      started_at: z.string().nullish(),
      completed_at: z.string().nullish(),
      steps: z.array(z.object({ name: z.string(), conclusion: z.string().nullish() })).nullish(),
    }),
  ),
});

export function toRuns(body: unknown, p: Params): Run[] {
  return runsBody.parse(body).workflow_runs.map((r) => {
    const v = verdictOf(r.status, r.conclusion);
    const started = r.run_started_at ?? r.created_at;
    const done = v.verdict !== "running";
    const person = r.head_commit?.author?.name ?? r.triggering_actor?.login ?? r.actor?.login;
    return {
      label: p.workflow || !r.name ? `#${r.run_number}` : `${r.name} #${r.run_number}`,
      ...v,
      outcome: r.conclusion ? OUTCOME[r.conclusion] : undefined,
      startedAt: started,
      finishedAt: done ? r.updated_at : undefined,
      durationSec: done ? secondsBetween(started, r.updated_at) : undefined,
      url: r.html_url,
      people: person ? [person] : [],
      ...(r.head_commit?.timestamp ? { commitAt: r.head_commit.timestamp } : {}),
    };
  });
}

const RANK: Record<Verdict, number> = { fail: 0, unknown: 1, warn: 2, ok: 3, running: 4, skip: 4 };

/**
 * Without a `workflow`, each workflow on the branch is judged by its own
 * latest completed run and the worst one is shown: a green Labeler run after a
 * red CI run must not make the tile green. Ties go to the newest run.
 */
export function worstWorkflow(body: unknown, p: Params): unknown {
  if (p.workflow) return body;
  const all = runsBody.parse(body).workflow_runs;
  const groups = new Map<number | null | undefined, typeof all>();
  for (const r of all) groups.set(r.workflow_id, [...(groups.get(r.workflow_id) ?? []), r]);
  if (groups.size < 2) return body;
  let best: { runs: typeof all; rank: number; newest: number } | undefined;
  for (const runs of groups.values()) {
    const judged = toRuns({ workflow_runs: runs }, p);
    const at = decisiveIndex(judged);
    const rank = at < 0 ? RANK.skip : RANK[judged[at]!.verdict];
    const newest = all.indexOf(runs[0]!);
    if (!best || rank < best.rank || (rank === best.rank && newest < best.newest)) best = { runs, rank, newest };
  }
  return { ...(body as object), workflow_runs: best!.runs };
}

function normalise({ body, jobs }: CiAnswer, p: Params, { now }: NormaliseContext): TileFields {
  const items =
    jobs === undefined
      ? undefined
      : jobsBody.parse(jobs).jobs.map((j) => {
          const v = verdictOf(j.status, j.conclusion);
          const step = j.steps?.find((s) => s.conclusion === "failure")?.name;
          const detail = step
            ? `failed at ${step}`
            : v.verdict === "unknown"
              ? `unknown ${v.field} "${v.state}"`
              : (j.conclusion ?? j.status ?? undefined);
          const ran = secondsBetween(j.started_at, j.completed_at);
          return jobItem(j.name, itemStatus(v.verdict), j.html_url, detail, j.completed_at ?? j.started_at, ran);
        });
  return buildTileFields(toRuns(body, p), { now, items, field: "GitHub conclusion", branch: p.branch });
}

/** GitHub's own media type; the client's JSON default would replace the connection's. */
const ACCEPT = { accept: "application/vnd.github+json" };

export default defineSource({
  kind: "github-actions",
  connection: "github",
  family: "build",
  description: "GitHub Actions: the latest completed workflow run on a branch, its jobs, and the run in progress.",
  notes: `The latest completed workflow run on a branch (\`GET /repos/{repo}/actions/runs\`,
or \`…/actions/workflows/{workflow}/runs\`, with \`branch\`, \`per_page\` and
\`exclude_pull_requests\`), and the jobs of the run shown.

Status × conclusion: \`completed\` with \`success\` → ok; \`failure\`, \`timed_out\`,
\`startup_failure\` → fail; \`cancelled\`, \`skipped\`, \`neutral\`, \`stale\`,
\`action_required\` (a run awaiting approval) → passed over; \`queued\`,
\`in_progress\`, \`waiting\`, \`requested\`, \`pending\` → running. People: the head
commit's author, else the actor who triggered the run. Items: jobs with the
failed step named ("failed at Run npm test").

\`\`\`json
{ "id": "api-ci", "title": "API main", "kind": "github-actions", "connection": "gh",
  "repo": "acme/api", "branch": "main", "workflow": "ci.yml" }
\`\`\``,
  params,
  async load(ctx, p): Promise<CiAnswer> {
    const path = p.workflow
      ? `/repos/${p.repo}/actions/workflows/${encodeURIComponent(p.workflow)}/runs`
      : `/repos/${p.repo}/actions/runs`;
    const res = await ctx.http.json(path, {
      query: { branch: p.branch, per_page: p.runs, exclude_pull_requests: true },
      headers: ACCEPT,
      signal: ctx.signal,
    });
    const body = worstWorkflow(res.body, p);
    const runs = toRuns(body, p);
    const at = decisiveIndex(runs);
    let jobs: unknown;
    if (at >= 0 && runs[at]!.verdict !== "unknown") {
      const id = runsBody.parse(body).workflow_runs[at]!.id;
      // Always asked: a re-run keeps the run's id but changes its jobs, and a 304 here is free.
      const j = await ctx.http.json(`/repos/${p.repo}/actions/runs/${id}/jobs`, {
        query: { per_page: 100 },
        headers: ACCEPT,
        signal: ctx.signal,
      });
      jobs = j.body;
    }
    return { body, jobs };
  },
  normalise,
});

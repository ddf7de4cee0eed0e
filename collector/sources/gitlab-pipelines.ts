/**
 * `gitlab-pipelines`: the latest completed pipeline on a ref. The pipeline list
 * is one request; the jobs of the pipeline shown are fetched only when that
 * pipeline changes, and they tell who pushed it (the list does not).
 */
import { z } from "zod";
import type { Status, TileFields } from "../contract.ts";
import { defineSource, type NormaliseContext } from "./define.ts";
import {
  buildTileFields,
  decisiveIndex,
  itemStatus,
  jobItem,
  lookup,
  reusable,
  secondsBetween,
  type Run,
  type Verdict,
  type CiAnswer,
} from "./lib/ci-runs.ts";

export const params = z.object({
  project: z
    .union([z.string().regex(/^[\w.-]+(\/[\w.-]+)+$/, "group/project"), z.number().int().positive()])
    .describe("The project: its path with namespace (group/sub/project) or its numeric id."),
  ref: z.string().min(1).default("main").describe("The branch or tag whose pipelines count; default main."),
  pipelines: z
    .number()
    .int()
    .min(2)
    .max(100)
    .default(20)
    .describe("How many recent pipelines to read (per_page); default 20."),
});
type Params = z.infer<typeof params>;

/**
 * Pipeline status. manual and scheduled pipelines wait for a person or a timer
 * and, like canceled and skipped ones, say nothing about the code: passed over.
 * `canceling` is newer than the documented list and is read as canceled.
 * @see https://docs.gitlab.com/api/pipelines/#list-project-pipelines
 */
export const PIPELINE_STATUS: Readonly<Record<string, Verdict>> = {
  created: "running",
  waiting_for_resource: "running",
  preparing: "running",
  pending: "running",
  running: "running",
  success: "ok",
  failed: "fail",
  canceled: "skip",
  canceling: "skip",
  skipped: "skip",
  manual: "skip",
  scheduled: "skip",
};

/**
 * Job status: the same words as pipelines; a failed job allowed to fail is a warning.
 * @see https://docs.gitlab.com/api/jobs/#list-pipeline-jobs
 */
export function jobStatus(status: unknown, allowFailure: boolean | null | undefined): Status | undefined {
  const v = lookup(PIPELINE_STATUS, status);
  return v === "fail" && allowFailure ? "warn" : itemStatus(v);
}

const pipelinesBody = z.array(
  z.object({
    id: z.number(),
    status: z.string(),
    web_url: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
  }),
);
const jobsBody = z.array(
  z.object({
    name: z.string(),
    stage: z.string().nullish(),
    status: z.string(),
    allow_failure: z.boolean().nullish(),
    failure_reason: z.string().nullish(),
    web_url: z.string().nullish(),
    started_at: z.string().nullish(),
    finished_at: z.string().nullish(),
    /** seconds, a float; null while the job has not started */
    duration: z.number().nullish(),
    user: z.object({ username: z.string() }).nullish(),
    commit: z.object({ author_name: z.string().nullish(), created_at: z.string().nullish() }).nullish(),
  }),
);

export function toRuns(body: unknown): Run[] {
  return pipelinesBody.parse(body).map((pl) => {
    const verdict = lookup(PIPELINE_STATUS, pl.status);
    const done = verdict !== "running";
    // The list has no start, finish or duration: created → last update is the span.
    return {
      label: `#${pl.id}`,
      verdict,
      state: pl.status,
      startedAt: pl.created_at,
      finishedAt: done ? pl.updated_at : undefined,
      durationSec: done ? secondsBetween(pl.created_at, pl.updated_at) : undefined,
      url: pl.web_url,
    };
  });
}

/** `jobs` is the shown pipeline's job list; `reused` what an earlier poll learnt of the same pipeline. */
function normalise({ body, jobs, reused }: CiAnswer, p: Params, { now }: NormaliseContext): TileFields {
  const runs = toRuns(body);
  const shown = runs[decisiveIndex(runs)];
  let items = reused?.items;
  if (jobs !== undefined) {
    const list = jobsBody.parse(jobs);
    items = list.map((j) => {
      const status = jobStatus(j.status, j.allow_failure);
      const detail = [
        j.stage ? `stage ${j.stage}` : "",
        j.failure_reason ?? (status === "unknown" ? `unknown GitLab job status "${j.status}"` : j.status),
      ]
        .filter(Boolean)
        .join(" · ");
      return jobItem(j.name, status, j.web_url, detail, j.finished_at ?? j.started_at, j.duration);
    });
    // Only a red or amber tile names people: a green one keeps none, so a poll that reuses
    // the previous tile's people tells the same summary as the poll that read the jobs.
    if (shown && shown.verdict !== "ok")
      shown.people = [
        ...new Set(list.flatMap((j) => [j.commit?.author_name, j.user?.username]).filter((x): x is string => !!x)),
      ];
    // The pipeline list has no commit time; its jobs all built the same commit.
    const commitAt = list.find((j) => j.commit?.created_at)?.commit?.created_at;
    if (shown && commitAt) shown.commitAt = commitAt;
  } else if (shown && reused?.people) shown.people = reused.people;
  return buildTileFields(runs, { now, items, field: "GitLab pipeline status", branch: p.ref });
}

export default defineSource({
  kind: "gitlab-pipelines",
  connection: "gitlab",
  family: "build",
  description: "GitLab CI/CD: the latest completed pipeline on a branch, its jobs, and the pipeline in progress.",
  notes: `The latest completed pipeline on a ref (\`GET /projects/:id/pipelines?ref=…&per_page=…\`),
and the jobs of the pipeline shown (\`…/pipelines/:id/jobs\`).

Status: \`success\` → ok; \`failed\` → fail; \`canceled\`, \`skipped\`, \`manual\`,
\`scheduled\` (waiting for a person or a timer) → passed over; \`created\`,
\`waiting_for_resource\`, \`preparing\`, \`pending\`, \`running\` → running. A failed
job that is allowed to fail is an amber item. People: the commit author and the
user who ran the pipeline shown (the pipeline list does not name anyone, so
GitLab tiles name the latest run's people rather than the whole streak's).
Durations are the span from creation to last update.

\`\`\`json
{ "id": "web-ci", "title": "Web main", "kind": "gitlab-pipelines", "connection": "gl",
  "project": "acme/web", "ref": "main" }
\`\`\``,
  params,
  async load(ctx, p): Promise<CiAnswer> {
    const project = `/projects/${encodeURIComponent(String(p.project))}`;
    const res = await ctx.http.json(`${project}/pipelines`, {
      query: { ref: p.ref, per_page: p.pipelines, order_by: "id", sort: "desc" },
      signal: ctx.signal,
    });
    const runs = toRuns(res.body);
    const at = decisiveIndex(runs);
    const reused = reusable(ctx.previous, runs[at]);
    let jobs: unknown;
    if (at >= 0 && runs[at]!.verdict !== "unknown" && !reused) {
      const id = pipelinesBody.parse(res.body)[at]!.id;
      jobs = (await ctx.http.json(`${project}/pipelines/${id}/jobs`, { query: { per_page: 100 }, signal: ctx.signal }))
        .body;
    }
    return { body: res.body, jobs, reused };
  },
  normalise,
});

/**
 * `buildkite-pipeline`: the latest completed build of a pipeline on a branch.
 * Builds are listed without their jobs (`exclude_jobs`); the jobs of the build
 * shown are fetched with that one build, and only when it changes.
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

const slug = z.string().regex(/^[\w.-]+$/, "a slug");
export const params = z.object({
  org: slug.describe("The organization slug, as in buildkite.com/<org>."),
  pipeline: slug.describe("The pipeline slug, as in buildkite.com/<org>/<pipeline>."),
  branch: z.string().min(1).default("main").describe("The branch whose builds count; default main."),
  builds: z
    .number()
    .int()
    .min(2)
    .max(100)
    .default(20)
    .describe("How many recent builds to read (per_page); default 20."),
});
type Params = z.infer<typeof params>;

/**
 * Build state. A blocked build passed every step before its block step, so it
 * counts as passed; failing and waiting_failed builds are still running.
 * `creating` and `failing` appear in builds although the list filter omits them.
 * @see https://buildkite.com/docs/apis/rest-api/builds
 * @see https://buildkite.com/docs/pipelines/configure/notifications#build-states
 */
export const BUILD_STATE: Readonly<Record<string, Verdict>> = {
  passed: "ok",
  blocked: "ok",
  failed: "fail",
  creating: "running",
  scheduled: "running",
  running: "running",
  failing: "running",
  waiting: "running",
  waiting_failed: "running",
  canceled: "skip",
  canceling: "skip",
  skipped: "skip",
  not_run: "skip",
};

/**
 * Job state; `broken` jobs were never run (a failed dependency or a branch filter).
 * @see https://buildkite.com/docs/pipelines/configure/defining-steps#job-states
 */
export const JOB_STATE: Readonly<Record<string, Verdict>> = {
  passed: "ok",
  failed: "fail",
  timed_out: "fail",
  pending: "running",
  waiting: "running",
  waiting_failed: "running",
  blocked: "running",
  blocked_failed: "running",
  unblocked: "running",
  unblocked_failed: "running",
  limiting: "running",
  limited: "running",
  platform_limiting: "running",
  platform_limited: "running",
  scheduled: "running",
  assigned: "running",
  accepted: "running",
  running: "running",
  timing_out: "running",
  canceling: "skip",
  canceled: "skip",
  skipped: "skip",
  broken: "skip",
  expired: "skip",
  // GraphQL's word for a job that ended; REST answers passed or failed instead.
  finished: "skip",
};

export function jobStatus(state: unknown, softFailed?: boolean | null): Status | undefined {
  const v = lookup(JOB_STATE, state);
  return v === "fail" && softFailed ? "warn" : itemStatus(v);
}

const named = z.object({ name: z.string().nullish() }).nullish();
const build = z.object({
  number: z.number(),
  state: z.string(),
  web_url: z.string(),
  created_at: z.string(),
  started_at: z.string().nullish(),
  finished_at: z.string().nullish(),
  author: named,
  creator: named,
  jobs: z
    .array(
      z.object({
        type: z.string(),
        name: z.string().nullish(),
        label: z.string().nullish(),
        state: z.string().nullish(),
        web_url: z.string().nullish(),
        soft_failed: z.boolean().nullish(),
        exit_status: z.number().nullish(),
        started_at: z.string().nullish(),
        finished_at: z.string().nullish(),
      }),
    )
    .nullish(),
});
const buildsBody = z.array(build);

export function toRuns(body: unknown): Run[] {
  return buildsBody.parse(body).map((b) => {
    const verdict = lookup(BUILD_STATE, b.state);
    const person = b.author?.name ?? b.creator?.name;
    return {
      label: `#${b.number}`,
      verdict,
      state: b.state,
      outcome: b.state === "blocked" ? "passed, blocked" : undefined,
      startedAt: b.started_at ?? b.created_at,
      finishedAt: b.finished_at ?? undefined,
      durationSec: verdict === "running" ? undefined : secondsBetween(b.started_at, b.finished_at),
      url: b.web_url,
      people: person ? [person] : [],
    };
  });
}

/** `shownBuild` is the single-build answer (with jobs) for the build the tile shows. */
function normalise({ body, jobs: shownBuild, reused }: CiAnswer, p: Params, { now }: NormaliseContext): TileFields {
  let items = reused?.items;
  if (shownBuild !== undefined) {
    items = (build.parse(shownBuild).jobs ?? [])
      .filter((j) => j.type !== "waiter")
      .map((j) => {
        const status = jobStatus(j.state, j.soft_failed);
        const detail =
          status === "unknown"
            ? `unknown Buildkite job state "${j.state}"`
            : `${j.state ?? j.type}${j.exit_status ? ` (exit ${j.exit_status})` : ""}`;
        const at = j.finished_at ?? j.started_at;
        const ran = secondsBetween(j.started_at, j.finished_at);
        return jobItem(j.name ?? j.label ?? j.type, status, j.web_url, detail, at, ran);
      });
  }
  return buildTileFields(toRuns(body), { now, items, field: "Buildkite build state", branch: p.branch });
}

export default defineSource({
  kind: "buildkite-pipeline",
  connection: "buildkite",
  family: "build",
  description: "Buildkite: the latest completed build of a pipeline on a branch, its jobs, and the build in progress.",
  notes: `The latest completed build of a pipeline on a branch
(\`GET /organizations/{org}/pipelines/{pipeline}/builds?branch=…&per_page=…&exclude_jobs=true\`),
and the jobs of the build shown (\`…/builds/{number}\`).

State: \`passed\` → ok; \`blocked\` (every step before a block step passed) → ok;
\`failed\` → fail; \`canceled\`, \`canceling\`, \`skipped\`, \`not_run\` → passed over;
\`creating\`, \`scheduled\`, \`running\`, \`failing\`, \`waiting\`, \`waiting_failed\` →
running. A soft-failed job is an amber item; wait steps are left out. People: the
build's author, else its creator.

\`\`\`json
{ "id": "mobile-ci", "title": "Mobile", "kind": "buildkite-pipeline", "connection": "bk",
  "org": "acme", "pipeline": "mobile", "branch": "main" }
\`\`\``,
  params,
  async load(ctx, p): Promise<CiAnswer> {
    const path = `/organizations/${p.org}/pipelines/${p.pipeline}/builds`;
    const res = await ctx.http.json(path, {
      query: { branch: p.branch, per_page: p.builds, exclude_jobs: true },
      signal: ctx.signal,
    });
    const runs = toRuns(res.body);
    const at = decisiveIndex(runs);
    const reused = reusable(ctx.previous, runs[at]);
    let shown: unknown;
    if (at >= 0 && runs[at]!.verdict !== "unknown" && !reused) {
      const number = buildsBody.parse(res.body)[at]!.number;
      shown = (await ctx.http.json(`${path}/${number}`, { signal: ctx.signal })).body;
    }
    return { body: res.body, jobs: shown, reused };
  },
  normalise,
});

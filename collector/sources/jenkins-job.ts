/**
 * `jenkins-job`: the latest completed build of a job. One request with a
 * `tree=` filter returns the job and its recent builds; the stages of the build
 * shown come from the Pipeline Stage View plugin's wfapi when it is installed,
 * and only when that build changes.
 */
import { z } from "zod";
import type { TileFields } from "../contract.ts";
import { UpstreamError } from "../http-client.ts";
import { defineSource, type NormaliseContext } from "./define.ts";
import {
  buildTileFields,
  decisiveIndex,
  itemStatus,
  jobItem,
  lookup,
  reusable,
  type Run,
  type Verdict,
  type CiAnswer,
} from "./lib/ci-runs.ts";

export const params = z.object({
  job: z
    .string()
    .regex(/^[^/]+(\/[^/]+)*$/, "folder/job, without /job/")
    .describe("The job's full name: folder path and job, e.g. team/api (a multibranch branch: team/api/main)."),
  builds: z.number().int().min(2).max(100).default(20).describe("How many recent builds to read; default 20."),
});
type Params = z.infer<typeof params>;

/**
 * A build's result; null while it is building.
 * @see https://javadoc.jenkins.io/hudson/model/Result.html
 */
export const RESULT: Readonly<Record<string, Verdict>> = {
  SUCCESS: "ok",
  UNSTABLE: "warn",
  FAILURE: "fail",
  ABORTED: "skip",
  NOT_BUILT: "skip",
};

/**
 * The job's ball colour: the last completed build, `_anime` while one runs.
 * yellow is an unstable build (tests failed): a warning. grey, notbuilt,
 * disabled and aborted say nothing of the code.
 * @see https://javadoc.jenkins.io/hudson/model/BallColor.html
 */
export const COLOR: Readonly<Record<string, Verdict>> = {
  blue: "ok",
  yellow: "warn",
  red: "fail",
  grey: "skip",
  notbuilt: "skip",
  disabled: "skip",
  aborted: "skip",
};

export function colorOf(color: unknown): { verdict: Verdict; building: boolean } {
  const c = String(color);
  const building = c.endsWith("_anime");
  return { verdict: lookup(COLOR, building ? c.slice(0, -"_anime".length) : c), building };
}

/**
 * Stage status in the Pipeline Stage View plugin's run description.
 * @see https://github.com/jenkinsci/pipeline-stage-view-plugin/tree/master/rest-api
 */
export const STAGE_STATUS: Readonly<Record<string, Verdict>> = {
  SUCCESS: "ok",
  UNSTABLE: "warn",
  FAILED: "fail",
  ABORTED: "skip",
  NOT_EXECUTED: "skip",
  IN_PROGRESS: "running",
  PAUSED_PENDING_INPUT: "running",
};

const person = z.object({ fullName: z.string() });
const changeSet = z.object({ items: z.array(z.object({ author: person.nullish() })).nullish() });
const jobBody = z.object({
  color: z.string().nullish(),
  builds: z
    .array(
      z.object({
        number: z.number(),
        url: z.string(),
        result: z.string().nullish(),
        building: z.boolean().nullish(),
        timestamp: z.number(),
        duration: z.number().nullish(),
        culprits: z.array(person).nullish(),
        changeSet: changeSet.nullish(),
        changeSets: z.array(changeSet).nullish(),
        actions: z
          .array(z.object({ causes: z.array(z.object({ userName: z.string().nullish() })).nullish() }).nullish())
          .nullish(),
      }),
    )
    .nullish(),
});
const describeBody = z.object({
  stages: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        status: z.string(),
        startTimeMillis: z.number().nullish(),
        durationMillis: z.number().nullish(),
      }),
    )
    .nullish(),
});

export const TREE_FIELDS =
  "number,url,result,building,timestamp,duration,culprits[fullName]," +
  "changeSet[items[author[fullName]]],changeSets[items[author[fullName]]],actions[causes[userName]]";

type Build = NonNullable<z.infer<typeof jobBody>["builds"]>[number];

function peopleOf(b: Build): string[] {
  const authors = [b.changeSet, ...(b.changeSets ?? [])]
    .flatMap((cs) => cs?.items ?? [])
    .map((i) => i.author?.fullName);
  const culprits = (b.culprits ?? []).map((c) => c.fullName);
  const starters = (b.actions ?? []).flatMap((a) => a?.causes ?? []).map((c) => c.userName);
  for (const list of [authors, culprits, starters]) {
    const names = [...new Set(list.filter((n): n is string => !!n))];
    if (names.length) return names;
  }
  return [];
}

export function toRuns(body: unknown): Run[] {
  return (jobBody.parse(body).builds ?? []).map((b) => {
    const verdict = b.building || b.result == null ? "running" : lookup(RESULT, b.result);
    const done = verdict !== "running";
    return {
      label: `#${b.number}`,
      verdict,
      state: String(b.result),
      startedAt: new Date(b.timestamp).toISOString(),
      finishedAt: done ? new Date(b.timestamp + (b.duration ?? 0)).toISOString() : undefined,
      durationSec: done && b.duration ? b.duration / 1000 : undefined,
      url: b.url,
      people: peopleOf(b),
    };
  });
}

/** `describe` is the shown build's wfapi answer (null when the plugin is absent). */
function normalise({ body, jobs: describe, reused }: CiAnswer, p: Params, { now }: NormaliseContext): TileFields {
  const job = jobBody.parse(body);
  const color = colorOf(job.color);
  if (color.verdict === "unknown") {
    const error = `unknown Jenkins color "${job.color}"`;
    return { status: "unknown", summary: `${p.job}: ${error}`, error, running: false };
  }
  const runs = toRuns(body);
  const shown = runs[decisiveIndex(runs)];
  let items = reused?.items;
  if (describe) {
    items = (describeBody.parse(describe).stages ?? []).map((s) => {
      const v = lookup(STAGE_STATUS, s.status);
      const link = shown?.url && v === "fail" ? `${shown.url.replace(/\/?$/, "/")}console` : shown?.url;
      const detail = v === "unknown" ? `unknown stage status "${s.status}"` : s.status.toLowerCase().replace(/_/g, " ");
      return jobItem(
        s.name,
        itemStatus(v),
        link,
        detail,
        s.startTimeMillis ? new Date(s.startTimeMillis).toISOString() : undefined,
        typeof s.durationMillis === "number" ? s.durationMillis / 1000 : undefined,
      );
    });
  }
  const fields = buildTileFields(runs, { now, items, field: "Jenkins result" });
  // No telling build among those read (or none read): the colour still knows the last completed one.
  if (fields.status === "unknown" && !fields.error && color.verdict !== "skip" && color.verdict !== "running") {
    fields.status = color.verdict;
    fields.summary = `last completed build ${color.verdict === "ok" ? "passed" : color.verdict === "warn" ? "unstable" : "failed"} (${job.color})`;
  }
  // The colour knows of a build in progress even when it fell outside the builds read.
  if (color.building && !fields.running) fields.running = true;
  if (job.color?.startsWith("disabled")) fields.summary = `disabled · ${fields.summary}`;
  return fields;
}

/** team/api → /job/team/job/api */
export function jobPath(job: string): string {
  return job
    .split("/")
    .map((s) => `/job/${encodeURIComponent(s)}`)
    .join("");
}

export default defineSource({
  kind: "jenkins-job",
  connection: "jenkins",
  family: "build",
  description:
    "Jenkins: the latest completed build of a job (unstable = warn), its pipeline stages, and the build in progress.",
  notes: `The latest completed build of a job, in one request
(\`/job/…/api/json?tree=color,builds[…]{0,20}\` asks only for the fields read), and
the stages of the build shown from the Pipeline Stage View plugin
(\`…/<n>/wfapi/describe\`; freestyle jobs and servers without it simply show no
stages).

Result: \`SUCCESS\` → ok; \`UNSTABLE\` → warn; \`FAILURE\` → fail; \`ABORTED\`,
\`NOT_BUILT\` → passed over; a build with no result yet → running. The job's ball
colour (\`blue\`, \`yellow\`, \`red\`, \`grey\`, \`disabled\`, \`aborted\`, \`notbuilt\`, each
with an \`_anime\` variant while building) also marks a build in progress, decides
when none of the builds read says anything, and adds "disabled" to the summary.
People: the authors in the build's change sets, else its culprits, else who
started it.

\`\`\`json
{ "id": "billing-ci", "title": "Billing", "kind": "jenkins-job", "connection": "jenkins", "job": "team/billing/main" }
\`\`\``,
  params,
  async load(ctx, p): Promise<CiAnswer> {
    const path = jobPath(p.job);
    const res = await ctx.http.json(`${path}/api/json`, {
      query: { tree: `color,builds[${TREE_FIELDS}]{0,${p.builds}}` },
      signal: ctx.signal,
    });
    const runs = toRuns(res.body);
    const at = decisiveIndex(runs);
    const reused = reusable(ctx.previous, runs[at]);
    let describe: unknown;
    if (at >= 0 && runs[at]!.verdict !== "unknown" && !reused) {
      const number = jobBody.parse(res.body).builds![at]!.number;
      // Freestyle jobs and servers without the Stage View plugin answer 404: no stages, not an error.
      const d = await ctx.http.text(`${path}/${number}/wfapi/describe`, {
        accept: [404],
        headers: { accept: "application/json" },
        signal: ctx.signal,
      });
      if (d.status !== 404) {
        try {
          describe = JSON.parse(d.body);
        } catch {
          throw new UpstreamError(`the stages of ${p.job} #${number} came back as malformed JSON`, "parse", d.status);
        }
      }
    }
    return { body: res.body, jobs: describe, reused };
  },
  normalise,
});

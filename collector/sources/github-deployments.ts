/**
 * `github-deployments`: which commit each environment runs, from GitHub's
 * Deployments API, and how far production lags the environment before it (the
 * Compare API's `behind_by`). Per environment: the newest deployments and the
 * newest status of each; every request carries If-None-Match on later polls
 * (the client's ETag cache), and GitHub does not count a 304 against the limit.
 */
import { z } from "zod";
import type { DeployStatus, TileFields, TileItem } from "../contract.ts";
import { defineSource, type NormaliseContext, type PollContext } from "./define.ts";
import { lookup } from "./lib/ci-runs.ts";
import { parseAnswer } from "./lib/answer-shape.ts";
import { deployWord, laneParams, lanesTile, type LaneReading } from "./lib/lanes.ts";
import { nextLink } from "./lib/paging.ts";

export const params = z.object({
  repo: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, "owner/name")
    .describe("The repository, as owner/name."),
  environments: z
    .array(z.string().min(1))
    .min(1, "name at least one environment")
    .max(8)
    .describe('The environments in promotion order, production last, e.g. ["staging", "production"].'),
  pages: z
    .number()
    .int()
    .min(1)
    .max(5)
    .default(2)
    .describe("Pages of deployments read per environment to find the one it runs, when the newest all failed."),
  ...laneParams,
});
type Params = z.infer<typeof params>;

/**
 * A deployment's newest status. `inactive` marks a deployment a newer one has replaced: passed over
 * when looking for what runs. A deployment with no status yet is queued.
 * @see https://docs.github.com/en/rest/deployments/statuses#create-a-deployment-status
 */
export const STATE: Readonly<Record<string, DeployStatus | "inactive">> = {
  success: "succeeded",
  failure: "failed",
  error: "failed",
  pending: "in_progress",
  queued: "in_progress",
  in_progress: "in_progress",
  inactive: "inactive",
};

const deploymentsBody = z.array(
  z.object({
    id: z.number(),
    sha: z.string(),
    ref: z.string(),
    environment: z.string(),
    created_at: z.string(),
    creator: z.object({ login: z.string() }).nullish(),
  }),
);
const statusesBody = z.array(
  z.object({
    state: z.string(),
    created_at: z.string(),
    creator: z.object({ login: z.string() }).nullish(),
    target_url: z.string().nullish(),
    log_url: z.string().nullish(),
    environment_url: z.string().nullish(),
    description: z.string().nullish(),
  }),
);
const compareBody = z.object({ status: z.string(), ahead_by: z.number(), behind_by: z.number() });

export interface EnvAnswer {
  environment: string;
  deployments: unknown;
  /** The newest status of each deployment, by deployment id; null when it has none. */
  statuses: Record<string, unknown>;
}
export interface Answer {
  envs: EnvAnswer[];
  /** Compare answers between consecutive environments' running shas, by "base...head". */
  compares: Record<string, unknown>;
  repoUrl: string;
}

const ACCEPT = { accept: "application/vnd.github+json" };

interface Deploy {
  id: number;
  version: string;
  sha: string;
  state: DeployStatus | "inactive";
  rawState: string;
  at: string;
  by?: string;
  url?: string;
  description?: string;
}

function deploysOf(env: EnvAnswer): Deploy[] {
  const list = parseAnswer(deploymentsBody, env.deployments, "GitHub deployments");
  return list.map((d) => {
    const raw = env.statuses[String(d.id)];
    const st = raw === null || raw === undefined ? undefined : parseAnswer(statusesBody, [raw], "GitHub statuses")[0]!;
    const state = st ? lookup(STATE, st.state) : "in_progress";
    return {
      id: d.id,
      // A version tag says most; a branch name (main) says nothing the short sha does not.
      version: /^v?\d/.test(d.ref) ? d.ref : d.sha.slice(0, 7),
      sha: d.sha,
      state,
      rawState: st?.state ?? "none",
      at: st?.created_at ?? d.created_at,
      by: d.creator?.login ?? st?.creator?.login,
      url: st?.log_url ?? st?.target_url ?? undefined,
      description: st?.description ?? undefined,
    };
  });
}

/** What runs: the newest succeeded deployment (an inactive one was replaced, a failed one never ran). */
function running(deploys: readonly Deploy[]): Deploy | undefined {
  return deploys.find((d) => d.state === "succeeded");
}

function reading(env: EnvAnswer, p: Params, repoUrl: string): LaneReading & { sha?: string } {
  const deploys = deploysOf(env);
  const latest = deploys.find((d) => d.state !== "inactive");
  const live = running(deploys);
  const recent: TileItem[] = deploys.slice(0, p.recent).map((d) => ({
    title: d.version,
    status:
      d.state === "failed" ? "fail" : d.state === "succeeded" ? "ok" : d.state === "unknown" ? "unknown" : undefined,
    detail: [d.state === "inactive" ? "replaced" : deployWord(d.state), d.by, d.description]
      .filter(Boolean)
      .join(" · "),
    at: d.at,
    url: d.url ?? `${repoUrl}/deployments/${encodeURIComponent(env.environment)}`,
  }));
  const base: LaneReading & { sha?: string } = {
    environment: env.environment,
    version: live?.version ?? null,
    deploy: latest ? (latest.state === "inactive" ? "unknown" : latest.state) : "unknown",
    recent,
    url: `${repoUrl}/deployments/${encodeURIComponent(env.environment)}`,
  };
  if (live) base.sha = live.sha;
  if (!latest) return { ...base, problem: "no deployments to this environment" };
  if (latest.state === "unknown") return { ...base, problem: `unknown GitHub deployment state "${latest.rawState}"` };
  return {
    ...base,
    at: latest.at,
    attempted: latest.version,
    ...(latest.by ? { by: latest.by } : {}),
    running: latest.state === "in_progress",
  };
}

export function normalise(a: Answer, p: Params, { now }: NormaliseContext): TileFields {
  const readings = a.envs.map((e) => reading(e, p, a.repoUrl));
  for (let i = 1; i < readings.length; i++) {
    const base = readings[i - 1]!.sha;
    const head = readings[i]!.sha;
    const answer = base && head ? a.compares[`${base}...${head}`] : undefined;
    if (answer !== undefined) readings[i]!.behind = parseAnswer(compareBody, answer, "GitHub compare").behind_by;
  }
  const fields = lanesTile(readings, { now, behindWarnAfter: p.behindWarnAfter });
  return { ...fields, url: `${a.repoUrl}/deployments` };
}

async function loadEnv(ctx: PollContext, p: Params, environment: string): Promise<EnvAnswer> {
  const deployments: unknown[] = [];
  const statuses: Record<string, unknown> = {};
  let next: string | undefined = `/repos/${p.repo}/deployments`;
  let query: Record<string, string | number> | undefined = { environment, per_page: p.recent };
  for (let page = 0; next && page < p.pages; page++) {
    const res: { body: unknown; headers: Headers } = await ctx.http.json(next, {
      query,
      headers: ACCEPT,
      signal: ctx.signal,
    });
    const list = parseAnswer(deploymentsBody, res.body, "GitHub deployments");
    deployments.push(...(res.body as unknown[]));
    for (const d of list) {
      const s = await ctx.http.json(`/repos/${p.repo}/deployments/${d.id}/statuses`, {
        query: { per_page: 1 },
        headers: ACCEPT,
        signal: ctx.signal,
      });
      const first = Array.isArray(s.body) ? (s.body as unknown[])[0] : s.body;
      statuses[String(d.id)] = first ?? null;
    }
    // Further pages only while nothing on the pages read so far has run successfully.
    if (Object.values(statuses).some((s) => (s as { state?: string } | null)?.state === "success")) break;
    next = nextLink(res.headers);
    query = undefined; // the next link carries its own query
  }
  return { environment, deployments, statuses };
}

export default defineSource({
  kind: "github-deployments",
  connection: "github",
  family: "environments",
  description: "GitHub Deployments: the commit each environment runs, its last deploy, and how far production lags.",
  notes: `One lane per environment in \`environments\` (promotion order, production last). Per environment:
\`GET /repos/{repo}/deployments?environment=…&per_page={recent}\` (newest first) and, for each deployment,
its newest status (\`GET …/deployments/{id}/statuses?per_page=1\`). When none of the newest deployments
succeeded, up to \`pages\` pages are read (the \`Link: rel="next"\` header) to find what the environment runs.
Between consecutive environments, \`GET /repos/{repo}/compare/{before}...{this}\` gives \`behind_by\`: the
commits this environment lacks.

Status: \`success\` → succeeded; \`failure\`, \`error\` → failed (the tile is red); \`pending\`, \`queued\`,
\`in_progress\` (or no status yet) → in progress (running); \`inactive\` → replaced by a newer deployment,
passed over. Any other state, or an environment with no deployments → grey with the reason. Amber when the last
environment is behind the one before it (compare \`behind_by\` > 0) for longer than \`behindWarnAfter\`, counted
from the first deploy to the environment before it after the last one's own deploy.

Token: read-only **Deployments** and **Contents** (compare) and **Metadata** on the repository
(fine-grained), or a classic token with \`repo\` (private) / \`repo_deployment\` (public).

\`\`\`json
{ "id": "api-envs", "title": "API", "kind": "github-deployments", "connection": "gh",
  "repo": "acme/api", "environments": ["staging", "production"], "behindWarnAfter": "2d" }
\`\`\``,
  params,
  async load(ctx, p): Promise<Answer> {
    const envs: EnvAnswer[] = [];
    for (const e of p.environments) envs.push(await loadEnv(ctx, p, e));
    const shas = envs.map((e) => {
      const live = deploysOf(e).find((d) => d.state === "succeeded");
      return live?.sha;
    });
    const compares: Record<string, unknown> = {};
    for (let i = 1; i < shas.length; i++) {
      const [base, head] = [shas[i - 1], shas[i]];
      if (!base || !head) continue;
      const key = `${base}...${head}`;
      if (base === head) {
        compares[key] = { status: "identical", ahead_by: 0, behind_by: 0 };
        continue;
      }
      // per_page=1: only the counts matter, not the commit list.
      const res = await ctx.http.json(`/repos/${p.repo}/compare/${key}`, {
        query: { per_page: 1 },
        headers: ACCEPT,
        signal: ctx.signal,
      });
      compares[key] = res.body;
    }
    return { envs, compares, repoUrl: githubWeb(ctx.baseUrl, p.repo) };
  },
  normalise,
});

/** The web address of a repository from the API root (api.github.com or HOST/api/v3). */
export function githubWeb(apiRoot: string | undefined, repo: string): string {
  const root = apiRoot ?? "https://api.github.com";
  const web = /^https:\/\/api\.github\.com$/.test(root) ? "https://github.com" : root.replace(/\/api\/v3$/, "");
  return `${web}/${repo}`;
}

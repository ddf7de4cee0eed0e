/**
 * `gitlab-environments`: which commit or tag each environment runs, from
 * GitLab's Environments API (an environment's `last_deployment` is its last
 * successful one), and how its newest deployment went (Deployments API).
 */
import { z } from "zod";
import type { DeployStatus, TileFields, TileItem } from "../contract.ts";
import { defineSource, type NormaliseContext, type PollContext } from "./define.ts";
import { lookup } from "./lib/ci-runs.ts";
import { parseAnswer } from "./lib/answer-shape.ts";
import { deployWord, laneParams, lanesTile, type LaneReading } from "./lib/lanes.ts";
import { nextLink } from "./lib/paging.ts";

export const params = z.object({
  project: z
    .union([z.string().regex(/^[\w.-]+(\/[\w.-]+)+$/, "group/project"), z.number().int().positive()])
    .describe("The project: its path with namespace (group/sub/project) or its numeric id."),
  environments: z
    .array(z.string().min(1))
    .min(1, "name at least one environment")
    .max(8)
    .describe('The environments in promotion order, production last, e.g. ["staging", "production"].'),
  ...laneParams,
});
type Params = z.infer<typeof params>;

/**
 * A deployment's status. `blocked` waits for an approval and `created` for its job: both are on their way.
 * `canceled` and `skipped` deployments never changed the environment: passed over.
 * @see https://docs.gitlab.com/api/deployments/#list-project-deployments
 */
export const STATUS: Readonly<Record<string, DeployStatus | "skip">> = {
  success: "succeeded",
  failed: "failed",
  running: "in_progress",
  created: "in_progress",
  blocked: "in_progress",
  canceled: "skip",
  skipped: "skip",
};

const user = z.object({ username: z.string(), name: z.string().nullish() }).nullish();
const deployment = z.object({
  id: z.number(),
  ref: z.string(),
  sha: z.string(),
  status: z.string(),
  created_at: z.string(),
  updated_at: z.string().nullish(),
  user,
  deployable: z
    .object({
      tag: z.boolean().nullish(),
      web_url: z.string().nullish(),
      finished_at: z.string().nullish(),
      commit: z.object({ short_id: z.string() }).nullish(),
    })
    .nullish(),
});
type Deployment = z.infer<typeof deployment>;
const environmentsBody = z.array(z.object({ id: z.number(), name: z.string() }));
const environmentBody = z.object({
  id: z.number(),
  name: z.string(),
  state: z.string().nullish(),
  last_deployment: deployment.nullish(),
});

export interface EnvAnswer {
  environment: string;
  /** GET /projects/:id/environments/:environment_id, or null when the project has no such environment. */
  detail: unknown;
  /** GET /projects/:id/deployments?environment=…, newest first. */
  deployments: unknown;
}
export interface Answer {
  envs: EnvAnswer[];
  /** The project's web page, when the project is named by path. */
  projectUrl?: string;
}

function versionOf(d: Deployment): string {
  const short = d.deployable?.commit?.short_id ?? d.sha.slice(0, 8);
  return d.deployable?.tag ? d.ref : short;
}

function reading(e: EnvAnswer, p: Params, projectUrl: string | undefined): LaneReading {
  if (e.detail === null)
    return { environment: e.environment, version: null, deploy: "unknown", problem: "no such environment" };
  const env = parseAnswer(environmentBody, e.detail, "GitLab environment");
  const list = parseAnswer(z.array(deployment), e.deployments, "GitLab deployments");
  const url = projectUrl ? `${projectUrl}/-/environments/${env.id}` : undefined;
  const recent: TileItem[] = list.slice(0, p.recent).map((d) => {
    const s = lookup(STATUS, d.status);
    return {
      title: versionOf(d),
      status: s === "failed" ? "fail" : s === "succeeded" ? "ok" : s === "unknown" ? "unknown" : undefined,
      detail: [s === "skip" ? d.status : deployWord(s), d.user?.username].filter(Boolean).join(" · "),
      at: d.deployable?.finished_at ?? d.updated_at ?? d.created_at,
      ...(d.deployable?.web_url ? { url: d.deployable.web_url } : {}),
    };
  });
  const live = env.last_deployment;
  const latest = list.find((d) => lookup(STATUS, d.status) !== "skip") ?? live ?? undefined;
  const base: LaneReading = {
    environment: e.environment,
    version: live ? versionOf(live) : null,
    deploy: "unknown",
    recent,
    ...(url ? { url } : {}),
  };
  if (!latest) return { ...base, problem: "no deployments to this environment" };
  const state = lookup(STATUS, latest.status);
  const at = latest.deployable?.finished_at ?? latest.updated_at ?? latest.created_at;
  const who = latest.user?.username ? { by: latest.user.username } : {};
  if (state === "unknown" || state === "skip")
    return { ...base, at, ...who, problem: `unknown GitLab deployment status "${latest.status}"` };
  return { ...base, deploy: state, at, attempted: versionOf(latest), ...who, running: state === "in_progress" };
}

export function normalise(a: Answer, p: Params, { now }: NormaliseContext): TileFields {
  const fields = lanesTile(
    a.envs.map((e) => reading(e, p, a.projectUrl)),
    { now, behindWarnAfter: p.behindWarnAfter },
  );
  return a.projectUrl ? { ...fields, url: `${a.projectUrl}/-/environments` } : fields;
}

/** Every environment of the project by name, following the pages (GitLab answers 20 a page by default). */
async function environmentIds(ctx: PollContext, id: string): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  let next: string | undefined = `/projects/${id}/environments`;
  let query: Record<string, number> | undefined = { per_page: 100 };
  for (let page = 0; next && page < 10; page++) {
    const res: { body: unknown; headers: Headers } = await ctx.http.json(next, { query, signal: ctx.signal });
    for (const e of parseAnswer(environmentsBody, res.body, "GitLab environments")) ids.set(e.name, e.id);
    const more = res.headers.get("x-next-page");
    next = more ? `/projects/${id}/environments` : nextLink(res.headers);
    query = more ? { per_page: 100, page: Number(more) } : undefined;
  }
  return ids;
}

/** The project's web page from the API root (https://HOST/api/v4 → https://HOST/group/project). */
export function gitlabWeb(apiRoot: string | undefined, project: string | number): string | undefined {
  if (typeof project === "number") return undefined;
  return `${(apiRoot ?? "https://gitlab.com/api/v4").replace(/\/api\/v4$/, "")}/${project}`;
}

export default defineSource({
  kind: "gitlab-environments",
  connection: "gitlab",
  family: "environments",
  description: "GitLab environments: the commit or tag each runs (its last deployment) and how its newest deploy went.",
  notes: `One lane per environment in \`environments\` (promotion order, production last). Reads the project's
environments (\`GET /projects/:id/environments\`, every page via \`X-Next-Page\`) to find their ids, then per
environment \`GET /projects/:id/environments/:environment_id\`, whose \`last_deployment\` is the last successful
deployment — what the environment runs (its tag, else the short sha) — and
\`GET /projects/:id/deployments?environment=…&order_by=id&sort=desc\` for the newest deployments.

Status of the newest deployment: \`success\` → succeeded; \`failed\` → failed (the tile is red); \`running\`,
\`created\`, \`blocked\` (waiting for approval) → in progress; \`canceled\`, \`skipped\` → passed over. Any other
status, or an environment that does not exist → grey with the reason. GitLab gives no commit count between
environments here: amber when production runs another version than the environment before it, deployed
before that environment's newest deploy, for longer than \`behindWarnAfter\`.

Token: \`read_api\` with at least the Reporter role (the connection's notes).

\`\`\`json
{ "id": "shop-envs", "title": "Shop", "kind": "gitlab-environments", "connection": "gl",
  "project": "acme/shop", "environments": ["staging", "production"], "behindWarnAfter": "1d" }
\`\`\``,
  params,
  async load(ctx, p): Promise<Answer> {
    const id = encodeURIComponent(String(p.project));
    const ids = await environmentIds(ctx, id);
    const envs: EnvAnswer[] = [];
    for (const name of p.environments) {
      const envId = ids.get(name);
      if (envId === undefined) {
        envs.push({ environment: name, detail: null, deployments: [] });
        continue;
      }
      const detail = await ctx.http.json(`/projects/${id}/environments/${envId}`, { signal: ctx.signal });
      const deployments = await ctx.http.json(`/projects/${id}/deployments`, {
        query: { environment: name, order_by: "id", sort: "desc", per_page: p.recent },
        signal: ctx.signal,
      });
      envs.push({ environment: name, detail: detail.body, deployments: deployments.body });
    }
    const projectUrl = gitlabWeb(ctx.baseUrl, p.project);
    return projectUrl ? { envs, projectUrl } : { envs };
  },
  normalise,
});

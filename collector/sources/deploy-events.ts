/**
 * `deploy-events`: deploys pushed in by tools that have no API (Ansible, scripts, Octopus) with
 * `POST /api/events/deploy`, kept in the history store and shown as one lane per environment.
 * `load` reads the stored events back; `normalise` is pure over them.
 */
import { z } from "zod";
import {
  worstStatus,
  type DeployStatus,
  type EnvironmentLane,
  type Status,
  type TileEvent,
  type TileFields,
  type TileItem,
} from "../contract.ts";
import { DURATION_PATTERN, ago, formatAge, parseDuration } from "../durations.ts";
import { safeLink } from "../links.ts";
import { defineSource } from "./define.ts";

const TEXT_MAX = 100;

export const params = z.object({
  token: z
    .string()
    .min(16, { error: "must be at least 16 characters (a secret the deploy tool sends)" })
    .describe("The secret a deploy tool sends as `Authorization: Bearer …`; use `${DEPLOY_TOKEN}`."),
  environments: z
    .array(z.string().min(1).max(TEXT_MAX))
    .min(1, { error: "name at least one environment, in order (dev → production)" })
    .describe('The lanes in order, e.g. ["dev", "staging", "production"]; events to others are refused.'),
  recent: z.number().int().min(1).max(50).default(5).describe("Recent deploys kept per lane for the detail view."),
  behindAfter: z
    .string()
    .regex(new RegExp(DURATION_PATTERN), "must be a duration such as 1h or 2d")
    .default("1d")
    .describe("Amber when the last lane runs another version than the lane before it, deployed later, this long."),
});
type Params = z.infer<typeof params>;

/** The word a tool sends → the state; case, spaces and dashes do not matter. */
const SYNONYMS: Record<string, Exclude<DeployStatus, "unknown">> = {
  succeeded: "succeeded",
  success: "succeeded",
  successful: "succeeded",
  ok: "succeeded",
  done: "succeeded",
  deployed: "succeeded",
  failed: "failed",
  failure: "failed",
  fail: "failed",
  error: "failed",
  errored: "failed",
  in_progress: "in_progress",
  running: "in_progress",
  started: "in_progress",
  pending: "in_progress",
  queued: "in_progress",
  deploying: "in_progress",
  rolled_back: "rolled_back",
  rollback: "rolled_back",
  rolledback: "rolled_back",
  reverted: "rolled_back",
};

export function deployStatus(word: string): Exclude<DeployStatus, "unknown"> | undefined {
  const key = word
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  return Object.hasOwn(SYNONYMS, key) ? SYNONYMS[key] : undefined;
}

// Control characters would let a version fake a line break on a TV; plain text only.
const plain = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .transform((s) => s.replace(/[\u0000-\u001f\u007f]+/g, " ").trim())
    .pipe(
      z
        .string()
        .min(1, { error: `${what} is empty` })
        .max(TEXT_MAX, { error: `${what} is longer than ${TEXT_MAX}` }),
    );

export const eventBody = z
  .object({
    environment: plain("environment"),
    version: plain("version"),
    status: z.string({ error: "status must be a string" }).transform((s, ctx) => {
      const status = deployStatus(s);
      if (!status)
        ctx.addIssue({
          code: "custom",
          message: `status "${s.slice(0, 40)}" is not one of succeeded, failed, in_progress, rolled_back (or success, failure, running, rollback…)`,
        });
      return status!;
    }),
    by: plain("by").optional(),
    url: z.url({ protocol: /^https?$/, error: "url must be an http(s) URL" }).optional(),
  })
  .strict();

/** The posted body → the event to keep, or a message naming each field that is off. */
export function acceptEvent(body: unknown, p: Params): { event: Omit<TileEvent, "tile" | "t"> } | { error: string } {
  if (!body || typeof body !== "object" || Array.isArray(body))
    return { error: 'the body must be a JSON object {"environment", "version", "status", "by", "url"}' };
  const r = eventBody.safeParse(body);
  if (!r.success)
    return {
      error: r.error.issues
        .map((i) =>
          i.code === "unrecognized_keys"
            ? `unknown field ${i.keys.join(", ")}`
            : i.code === "invalid_type" && i.input === undefined
              ? `${i.path.join(".")} is missing`
              : i.message,
        )
        .join("; "),
    };
  const e = r.data;
  if (!p.environments.includes(e.environment))
    return { error: `environment "${e.environment}" is not one of this source's: ${p.environments.join(", ")}` };
  return {
    event: {
      type: "deploy",
      // "ok"/"fail" as the DORA stats read a CI deploy; other states keep their word
      note: e.status === "succeeded" ? "ok" : e.status === "failed" ? "fail" : e.status,
      status: e.status,
      version: e.version,
      environment: e.environment,
      ...(e.by ? { by: e.by } : {}),
      ...(e.url ? { url: e.url } : {}),
    },
  };
}

const LANE_STATUS: Record<DeployStatus, Status> = {
  succeeded: "ok",
  in_progress: "ok",
  failed: "fail",
  rolled_back: "warn",
  unknown: "unknown",
};
const ITEM_STATUS: Record<DeployStatus, Status> = { ...LANE_STATUS, in_progress: "unknown" };

function item(e: TileEvent): TileItem {
  const url = safeLink(e.url);
  return {
    title: e.version ?? "?",
    status: ITEM_STATUS[e.status ?? "unknown"],
    detail: [e.status?.replace("_", " "), e.by].filter(Boolean).join(" · "),
    at: new Date(e.t).toISOString(),
    ...(url ? { url } : {}),
  };
}

function lane(environment: string, events: readonly TileEvent[], p: Params): EnvironmentLane {
  const mine = events.filter((e) => e.environment === environment);
  const last = mine.at(-1);
  if (!last) return { environment, version: null, deploy: "unknown", status: "unknown" };
  const deploy = last.status ?? "unknown";
  const url = safeLink(last.url);
  return {
    environment,
    version: last.version ?? null,
    deploy,
    status: LANE_STATUS[deploy],
    at: new Date(last.t).toISOString(),
    ...(last.by ? { by: last.by } : {}),
    ...(url ? { url } : {}),
    recent: mine.slice(-p.recent).reverse().map(item),
  };
}

/** The last lane runs another version than the one before it, which was deployed later: since when. */
function behindSince(lanes: readonly EnvironmentLane[]): { lane: EnvironmentLane; ahead: EnvironmentLane } | null {
  if (lanes.length < 2) return null;
  const lane = lanes.at(-1)!,
    ahead = lanes.at(-2)!;
  if (!lane.at || !ahead.at || ahead.deploy !== "succeeded" || lane.version === ahead.version) return null;
  return Date.parse(ahead.at) > Date.parse(lane.at) ? { lane, ahead } : null;
}

export function normalise(events: readonly TileEvent[], p: Params, { now }: { now: Date }): TileFields {
  const deploys = events.filter((e) => e.type === "deploy").sort((a, b) => a.t - b.t);
  const lanes = p.environments.map((env) => lane(env, deploys, p));
  const behind = behindSince(lanes);
  const behindMs = behind ? now.getTime() - Date.parse(behind.ahead.at!) : 0;
  if (behind && behindMs >= parseDuration(p.behindAfter)!) behind.lane.status = "warn";
  const status = worstStatus(lanes.map((l) => l.status));
  const running = lanes.some((l) => l.deploy === "in_progress");
  const failed = lanes.filter((l) => l.deploy === "failed" || l.deploy === "rolled_back");
  let summary: string;
  if (deploys.length === 0) summary = "no deploy reported yet";
  else if (failed.length)
    summary = failed
      .map((l) => `${l.environment}: ${l.version} ${l.deploy.replace("_", " ")}${l.by ? ` (${l.by})` : ""}`)
      .join(" · ");
  else if (behind && behind.lane.status === "warn")
    summary = `${behind.lane.environment} runs ${behind.lane.version}, ${behind.ahead.environment} ${behind.ahead.version} for ${formatAge(behindMs)}`;
  else {
    const latest = deploys.at(-1)!;
    summary = `${latest.environment} ${latest.version} ${latest.status === "in_progress" ? "deploying" : latest.status?.replace("_", " ")} ${ago(latest.t, now)}`;
  }
  const unreported = lanes.filter((l) => l.deploy === "unknown").map((l) => l.environment);
  return {
    status,
    running,
    summary,
    lanes,
    ...(deploys.length > 0 && unreported.length ? { error: `no deploy reported yet to ${unreported.join(", ")}` } : {}),
  };
}

export default defineSource({
  kind: "deploy-events",
  family: "environments",
  description: "Deploys pushed in by tools without an API (Ansible, scripts) with POST /api/events/deploy.",
  notes: `A push-in kind: a deploy tool reports each deploy with
\`POST /api/events/deploy\` and the tile's \`token\`. The events are kept in the history store
(\`--data\`), so they survive a restart, and the tile shows the latest deploy per environment, in the
order of \`environments\`, with the recent deploys per lane in the detail.

Status per lane: \`succeeded\` → ok, \`in_progress\` → ok and running, \`failed\` → fail,
\`rolled_back\` → warn; an environment without any deploy yet → unknown (and so is the tile: it
is only green when every environment has reported). The last lane turns amber when it runs another
version than the lane before it, and that one was deployed \`behindAfter\` ago or more.

\`\`\`json
{ "id": "api-deploys", "title": "API deploys", "kind": "deploy-events",
  "token": "\${DEPLOY_TOKEN}", "environments": ["staging", "production"] }
\`\`\`
\`\`\`sh
curl -X POST -H "Authorization: Bearer $DEPLOY_TOKEN" -H 'content-type: application/json' \\
  -d '{"environment":"production","version":"1.4.3","status":"succeeded","by":"ansible"}' \\
  'http://radiator:8080/api/events/deploy?source=api-deploys'
\`\`\``,
  params,
  every: "30s",
  secretParams: ["token"],
  push: { route: "deploy", tokenParam: "token", accept: acceptEvent },
  async load(ctx) {
    return ctx.events?.(0) ?? [];
  },
  normalise,
});

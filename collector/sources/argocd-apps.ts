/**
 * `argocd-apps`: one Argo CD application per environment (api-staging,
 * api-production…), read from the API server: sync status, health, the
 * revision deployed and the last sync operation. Argo CD does not say since
 * when an app is OutOfSync, so `load` remembers when this tile first saw it.
 */
import { z } from "zod";
import type { DeployStatus, TileFields, TileItem } from "../contract.ts";
import { defineSource, type NormaliseContext } from "./define.ts";
import { lookup } from "./lib/ci-runs.ts";
import { parseAnswer } from "./lib/answer-shape.ts";
import { DURATION_PATTERN, formatAge, parseDuration } from "../durations.ts";
import { imageTag, laneParams, lanesTile, type LaneReading } from "./lib/lanes.ts";

export const params = z.object({
  apps: z
    .array(
      z.union([
        z.string().min(1).describe("An application's name, which also names its lane."),
        z.object({
          environment: z.string().min(1).describe("The lane's name, e.g. production."),
          app: z.string().min(1).describe("The Argo CD application's name."),
          appNamespace: z.string().min(1).optional().describe("The application's namespace (apps in any namespace)."),
        }),
      ]),
    )
    .min(1, "name at least one application")
    .max(8)
    .transform((list) => list.map((a) => (typeof a === "string" ? { environment: a, app: a } : a)))
    .describe(
      'One application per environment, in promotion order, production last: [{ "environment", "app" }] or app names.',
    ),
  warnAfter: z
    .string()
    .regex(new RegExp(DURATION_PATTERN), 'must be a duration such as "15m"')
    .default("15m")
    .describe("Amber once an application has been OutOfSync or Progressing this long; default 15m."),
  version: z
    .enum(["revision", "image"])
    .default("revision")
    .describe(
      "What a lane shows as its version: the synced `revision` (short sha or chart version) or the first `image` tag.",
    ),
  ...laneParams,
});
type Params = z.infer<typeof params>;

/** @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/ and the OperationState phase. */
export const PHASE: Readonly<Record<string, DeployStatus>> = {
  Succeeded: "succeeded",
  Failed: "failed",
  Error: "failed",
  Running: "in_progress",
  Terminating: "in_progress",
};
/** @see https://argo-cd.readthedocs.io/en/stable/operator-manual/health/ */
export const HEALTH: Readonly<Record<string, "ok" | "running" | "warn" | "fail" | "unknown">> = {
  Healthy: "ok",
  Progressing: "running",
  Suspended: "warn",
  Missing: "warn",
  Degraded: "fail",
  Unknown: "unknown",
};
export const SYNC: Readonly<Record<string, "ok" | "warn" | "unknown">> = {
  Synced: "ok",
  OutOfSync: "warn",
  Unknown: "unknown",
};

const appBody = z.object({
  metadata: z.object({ name: z.string(), namespace: z.string().nullish() }),
  status: z.object({
    sync: z.object({ status: z.string(), revision: z.string().nullish() }).nullish(),
    health: z.object({ status: z.string(), message: z.string().nullish(), lastTransitionTime: z.string().nullish() }),
    operationState: z
      .object({
        phase: z.string(),
        message: z.string().nullish(),
        startedAt: z.string().nullish(),
        finishedAt: z.string().nullish(),
        operation: z
          .object({
            initiatedBy: z.object({ username: z.string().nullish(), automated: z.boolean().nullish() }).nullish(),
            sync: z.object({ revision: z.string().nullish() }).nullish(),
          })
          .nullish(),
        syncResult: z.object({ revision: z.string().nullish() }).nullish(),
      })
      .nullish(),
    history: z
      .array(
        z.object({
          id: z.number(),
          revision: z.string().nullish(),
          deployedAt: z.string(),
          initiatedBy: z.object({ username: z.string().nullish(), automated: z.boolean().nullish() }).nullish(),
        }),
      )
      .nullish(),
    summary: z.object({ images: z.array(z.string()).nullish() }).nullish(),
  }),
});

export interface AppAnswer {
  environment: string;
  app: unknown;
  /** When this tile first saw the app OutOfSync / Progressing (ISO), as `load` remembers it. */
  outOfSyncSince?: string;
  progressingSince?: string;
}
export interface Answer {
  apps: AppAnswer[];
  webRoot?: string;
}

const shortRev = (r: string | null | undefined) => (r ? (/^[0-9a-f]{40}$/.test(r) ? r.slice(0, 7) : r) : null);

function who(i: { username?: string | null; automated?: boolean | null } | null | undefined): string | undefined {
  return i?.username ?? (i?.automated ? "automated" : undefined);
}

function reading(a: AppAnswer, p: Params, now: Date, webRoot: string | undefined): LaneReading {
  const app = parseAnswer(appBody, a.app, "Argo CD application");
  const s = app.status;
  const op = s.operationState;
  const url = webRoot ? `${webRoot}/applications/${encodeURIComponent(app.metadata.name)}` : undefined;
  const rev = shortRev(s.sync?.revision ?? op?.syncResult?.revision);
  const images = s.summary?.images ?? [];
  const version = p.version === "image" ? (images[0] ? imageTag(images[0]) : null) : rev;
  const recent: TileItem[] = [...(s.history ?? [])]
    .reverse()
    .slice(0, p.recent)
    .map((h) => ({
      title: shortRev(h.revision) ?? `#${h.id}`,
      status: "ok",
      detail: ["synced", who(h.initiatedBy)].filter(Boolean).join(" · "),
      at: h.deployedAt,
      ...(url ? { url } : {}),
    }));
  const last = s.history?.length ? s.history[s.history.length - 1] : undefined;
  const deploy: DeployStatus | "unknown" = op
    ? lookup(PHASE, op.phase)
    : last || s.sync?.status === "Synced"
      ? "succeeded"
      : "unknown";
  const at = op?.finishedAt ?? op?.startedAt ?? last?.deployedAt ?? undefined;
  const by = who(op?.operation?.initiatedBy) ?? who(last?.initiatedBy);
  const base: LaneReading = {
    environment: a.environment,
    version,
    deploy,
    recent,
    ...(url ? { url } : {}),
    ...(at ? { at } : {}),
    ...(by ? { by } : {}),
  };
  if (deploy === "failed") {
    const tried = shortRev(op?.operation?.sync?.revision ?? op?.syncResult?.revision);
    return { ...base, ...(tried ? { attempted: tried } : {}) };
  }
  if (op && deploy === "unknown") return { ...base, problem: `unknown Argo CD operation phase "${op.phase}"` };
  if (!op && deploy === "unknown") return { ...base, problem: "never synced" };
  const health = lookup(HEALTH, s.health.status);
  const sync = lookup(SYNC, s.sync?.status);
  if (health === "unknown") return { ...base, problem: `health ${JSON.stringify(s.health.status)}` };
  if (sync === "unknown") return { ...base, problem: `sync status ${JSON.stringify(s.sync?.status ?? null)}` };
  if (health === "fail") return { ...base, fail: `is Degraded${s.health.message ? `: ${s.health.message}` : ""}` };
  const limit = parseDuration(p.warnAfter)!;
  const longer = (since: string | undefined) =>
    since !== undefined && now.getTime() - Date.parse(since) > limit
      ? formatAge(now.getTime() - Date.parse(since))
      : undefined;
  if (health === "warn") return { ...base, warn: `is ${s.health.status}` };
  if (health === "running") {
    const since = s.health.lastTransitionTime ?? a.progressingSince;
    const age = longer(since);
    if (age) return { ...base, warn: `Progressing for ${age}` };
    return { ...base, running: true };
  }
  if (sync === "warn") {
    const age = longer(a.outOfSyncSince);
    if (age) return { ...base, warn: `OutOfSync for ${age}` };
  }
  return { ...base, running: deploy === "in_progress" };
}

export function normalise(a: Answer, p: Params, { now }: NormaliseContext): TileFields {
  const fields = lanesTile(
    a.apps.map((x) => reading(x, p, now, a.webRoot)),
    { now, behindWarnAfter: p.behindWarnAfter },
  );
  return a.webRoot ? { ...fields, url: `${a.webRoot}/applications` } : fields;
}

export default defineSource({
  kind: "argocd-apps",
  connection: "argocd",
  family: "environments",
  description: "Argo CD applications, one per environment: sync status, health, revision and the last sync.",
  notes: `One lane per entry of \`apps\` (promotion order, production last), each read with
\`GET /api/v1/applications/{app}\` (\`?appNamespace=\` when given). The version is \`status.sync.revision\` (a short
sha, or the chart version of a Helm source), or with \`"version": "image"\` the tag of the first of
\`status.summary.images\`. When and by whom: the last operation (\`status.operationState\`: \`finishedAt\`,
\`operation.initiatedBy\`); the detail's recent deploys: \`status.history\`, newest first.

Last operation phase: \`Succeeded\` → succeeded; \`Failed\`, \`Error\` → failed (red); \`Running\`, \`Terminating\` →
in progress. Health: \`Healthy\` → ok; \`Progressing\` → running, amber once Progressing for longer than
\`warnAfter\` (from \`health.lastTransitionTime\`, else from when this tile first saw it); \`Degraded\` → red;
\`Suspended\`, \`Missing\` → amber; \`Unknown\` or any other value → grey. Sync: \`Synced\` → ok; \`OutOfSync\` → amber
once this tile has seen it OutOfSync for longer than \`warnAfter\`; \`Unknown\` → grey. As for every environments
tile, amber too when production runs another revision than the app before it, synced earlier, for longer than
\`behindWarnAfter\`.

\`\`\`json
{ "id": "api-argo", "title": "API (Argo CD)", "kind": "argocd-apps", "connection": "argo",
  "apps": [{ "environment": "staging", "app": "api-staging" }, { "environment": "production", "app": "api-prod" }] }
\`\`\``,
  params,
  async load(ctx, p): Promise<Answer> {
    const apps: AppAnswer[] = [];
    for (const a of p.apps as { environment: string; app: string; appNamespace?: string }[]) {
      const res = await ctx.http.json(`/api/v1/applications/${encodeURIComponent(a.app)}`, {
        query: { appNamespace: a.appNamespace },
        signal: ctx.signal,
      });
      const body = res.body as { status?: { sync?: { status?: string }; health?: { status?: string } } } | null;
      const answer: AppAnswer = { environment: a.environment, app: res.body };
      // Remember first sightings per app: Argo CD keeps no "OutOfSync since" of its own.
      for (const [key, seen] of [
        [`oos:${a.app}`, body?.status?.sync?.status === "OutOfSync"],
        [`prog:${a.app}`, body?.status?.health?.status === "Progressing"],
      ] as const) {
        if (!seen) ctx.memo?.delete(key);
        else if (!ctx.memo?.has(key)) ctx.memo?.set(key, ctx.now.toISOString());
      }
      const oos = ctx.memo?.get(`oos:${a.app}`) as string | undefined;
      const prog = ctx.memo?.get(`prog:${a.app}`) as string | undefined;
      if (oos) answer.outOfSyncSince = oos;
      if (prog) answer.progressingSince = prog;
      apps.push(answer);
    }
    return ctx.baseUrl ? { apps, webRoot: ctx.baseUrl } : { apps };
  },
  normalise,
});

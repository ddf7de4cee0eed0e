/**
 * `kubernetes-rollout`: one apps/v1 Deployment per environment, read from the
 * Kubernetes API (bearer token, the cluster's CA): its rollout state from the
 * status conditions and replica counts, and its container's image tag as the
 * version. Kubernetes keeps no deploy history with names, so lanes have no `by`.
 */
import { z } from "zod";
import type { DeployStatus, TileFields } from "../contract.ts";
import { defineSource, type NormaliseContext } from "./define.ts";
import { parseAnswer } from "./lib/answer-shape.ts";
import { imageTag, laneParams, lanesTile, type LaneReading } from "./lib/lanes.ts";

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const target = z.object({
  environment: z.string().min(1).describe("The lane's name, e.g. production."),
  namespace: z.string().regex(NAME, "a Kubernetes namespace name").describe("The Deployment's namespace."),
  name: z.string().regex(NAME, "a Kubernetes object name").describe("The Deployment's name."),
  container: z.string().min(1).optional().describe("The container whose image tag is the version; default the first."),
});

export const params = z.object({
  deployments: z
    .array(
      z.union([
        z
          .string()
          .regex(/^([a-z0-9][-a-z0-9.]*\/)?[a-z0-9][-a-z0-9.]*$/, 'write a Deployment as "namespace/name"')
          .describe('"namespace/name" (the namespace names the lane), or "name" in namespace default.'),
        target,
      ]),
    )
    .min(1, "name at least one Deployment")
    .max(8)
    .transform((list) =>
      list.map((d) => {
        if (typeof d !== "string") return d;
        const [namespace, name] = d.includes("/") ? (d.split("/") as [string, string]) : ["default", d];
        return { environment: d.includes("/") ? namespace : name, namespace, name };
      }),
    )
    .describe(
      'One Deployment per environment, in promotion order, production last: [{ "environment", "namespace", "name" }] or "namespace/name".',
    ),
  behindWarnAfter: laneParams.behindWarnAfter,
});
type Params = z.infer<typeof params>;
type Target = z.infer<typeof target>;

/** Condition status values; anything else is not understood. */
const CONDITION_STATUS = new Set(["True", "False", "Unknown"]);

const condition = z.object({
  type: z.string(),
  status: z.string(),
  reason: z.string().nullish(),
  message: z.string().nullish(),
  lastUpdateTime: z.string().nullish(),
  lastTransitionTime: z.string().nullish(),
});
const deploymentBody = z.object({
  metadata: z.object({
    name: z.string(),
    namespace: z.string().nullish(),
    generation: z.number().nullish(),
    annotations: z.record(z.string(), z.string()).nullish(),
  }),
  spec: z.object({
    replicas: z.number().nullish(),
    paused: z.boolean().nullish(),
    template: z.object({
      spec: z.object({ containers: z.array(z.object({ name: z.string(), image: z.string().nullish() })).min(1) }),
    }),
  }),
  status: z
    .object({
      observedGeneration: z.number().nullish(),
      replicas: z.number().nullish(),
      updatedReplicas: z.number().nullish(),
      readyReplicas: z.number().nullish(),
      availableReplicas: z.number().nullish(),
      conditions: z.array(condition).nullish(),
    })
    .nullish(),
});

export interface Answer {
  deployments: { target: Target; body: unknown }[];
}

function reading(t: Target, body: unknown): LaneReading {
  const d = parseAnswer(deploymentBody, body, "Kubernetes Deployment");
  const containers = d.spec.template.spec.containers;
  const c = t.container ? containers.find((x) => x.name === t.container) : containers[0];
  const version = c?.image ? imageTag(c.image) : null;
  const s = d.status ?? {};
  const want = d.spec.replicas ?? 1;
  const updated = s.updatedReplicas ?? 0;
  const available = s.availableReplicas ?? 0;
  const total = s.replicas ?? 0;
  const conditions = s.conditions ?? [];
  const progressing = conditions.find((x) => x.type === "Progressing");
  const at = progressing?.lastUpdateTime ?? progressing?.lastTransitionTime ?? undefined;
  const revision = d.metadata.annotations?.["deployment.kubernetes.io/revision"];
  const counts = `${updated} of ${want} updated · ${available} available${revision ? ` · revision ${revision}` : ""}`;
  const base = {
    environment: t.environment,
    version,
    recent: [{ title: version ?? "—", detail: counts, ...(at ? { at } : {}) }],
    ...(at ? { at } : {}),
  };
  if (t.container && !c) return { ...base, deploy: "unknown", problem: `no container "${t.container}"` };
  const odd = conditions.find((x) => !CONDITION_STATUS.has(x.status));
  if (odd) return { ...base, deploy: "unknown", problem: `condition ${odd.type} has status "${odd.status}"` };
  const unknown = conditions.find(
    (x) => (x.type === "Progressing" || x.type === "Available") && x.status === "Unknown",
  );
  if (unknown) return { ...base, deploy: "unknown", problem: `condition ${unknown.type} is Unknown` };

  const observed = (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
  const done = observed && updated === want && available === want && total === want;
  let deploy: DeployStatus = done ? "succeeded" : "in_progress";
  if (progressing?.status === "False" && progressing.reason === "ProgressDeadlineExceeded") deploy = "failed";
  const reading: LaneReading = { ...base, deploy, running: deploy === "in_progress" };
  const unavailable = conditions.find((x) => x.type === "Available" && x.status === "False");
  if (unavailable)
    return { ...reading, fail: `unavailable: ${unavailable.message ?? unavailable.reason ?? ""}`.trim() };
  const replicaFailure = conditions.find((x) => x.type === "ReplicaFailure" && x.status === "True");
  if (replicaFailure)
    return { ...reading, fail: `cannot create pods: ${replicaFailure.message ?? replicaFailure.reason}` };
  if (d.spec.paused && deploy !== "failed") return { ...reading, running: false, warn: "rollout paused" };
  return reading;
}

export function normalise(a: Answer, p: Params, { now }: NormaliseContext): TileFields {
  return lanesTile(
    a.deployments.map((d) => reading(d.target, d.body)),
    { now, behindWarnAfter: p.behindWarnAfter },
  );
}

export default defineSource({
  kind: "kubernetes-rollout",
  connection: "kubernetes",
  family: "environments",
  description: "Kubernetes Deployments, one per environment: rollout state, replicas, and the image tag running.",
  notes: `One lane per entry of \`deployments\` (promotion order, production last), each read with
\`GET /apis/apps/v1/namespaces/{namespace}/deployments/{name}\`. The version is the image tag of the
container named (default the first).

Rollout: condition \`Progressing\` \`False\` with reason \`ProgressDeadlineExceeded\` → the deploy failed (red);
condition \`Available\` \`False\` → red (the message says why), as is \`ReplicaFailure\` \`True\`. Done (succeeded)
when the controller has seen the newest generation (\`status.observedGeneration\`) and \`updatedReplicas\`,
\`availableReplicas\` and \`replicas\` all equal \`spec.replicas\`; otherwise the rollout is in progress (running).
\`spec.paused\` → amber. A condition status other than \`True\`/\`False\`, or \`Unknown\` on \`Progressing\` or
\`Available\` → grey. When: the \`Progressing\` condition's \`lastUpdateTime\`.

\`\`\`json
{ "id": "api-k8s", "title": "API pods", "kind": "kubernetes-rollout", "connection": "k8s",
  "deployments": ["api-staging/api", { "environment": "production", "namespace": "api-prod", "name": "api" }] }
\`\`\``,
  params,
  async load(ctx, p): Promise<Answer> {
    const deployments: Answer["deployments"] = [];
    for (const t of p.deployments) {
      const res = await ctx.http.json(`/apis/apps/v1/namespaces/${t.namespace}/deployments/${t.name}`, {
        signal: ctx.signal,
      });
      deployments.push({ target: t, body: res.body });
    }
    return { deployments };
  },
  normalise,
});

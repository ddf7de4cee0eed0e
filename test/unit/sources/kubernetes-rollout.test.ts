import { describe, expect, it } from "vitest";
import def, { params } from "../../../collector/sources/kubernetes-rollout.ts";
import { fixture } from "../../helpers/fake-upstream.ts";
import { normaliseWith } from "../../helpers/normalise.ts";

const now = new Date("2026-11-29T10:00:00Z");
const target = { environment: "production", namespace: "api-prod", name: "api" };
const p = params.parse({ deployments: [target] });
const one = (body: unknown, t: typeof target & { container?: string } = target) =>
  normaliseWith(def, { deployments: [{ target: t, body }] }, p, { now });

describe("kubernetes-rollout normalise", () => {
  it("a generation the controller has not seen yet is still rolling out", () => {
    const body = fixture("kubernetes/deployment-production.json");
    body.metadata.generation = 8;
    expect(one(body).lanes![0]).toMatchObject({ deploy: "in_progress" });
  });

  it("a paused rollout is amber", () => {
    const body = fixture("kubernetes/deployment-production.json");
    body.spec.paused = true;
    expect(one(body)).toMatchObject({ status: "warn", summary: "production: rollout paused" });
  });

  it("the named container's tag, or grey when there is no such container", () => {
    const body = fixture("kubernetes/deployment-production.json");
    expect(one(body, { ...target, container: "proxy" }).lanes![0]!.version).toBe("v1.31.0");
    expect(one(body, { ...target, container: "nope" })).toMatchObject({
      status: "unknown",
      error: 'production: no container "nope"',
    });
  });

  it("ReplicaFailure True is red", () => {
    const body = fixture("kubernetes/deployment-production.json");
    body.status.conditions.push({ type: "ReplicaFailure", status: "True", reason: "FailedCreate", message: "quota" });
    expect(one(body)).toMatchObject({ status: "fail", summary: "production cannot create pods: quota" });
  });
});

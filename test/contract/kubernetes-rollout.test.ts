// kubernetes-rollout against a fake Kubernetes API replaying documented apps/v1 Deployment bodies,
// once over HTTPS with the cluster CA as a file (the connection's TLS helper), as a real API server needs.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:https";
import { request } from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { fakeUpstream, fixture, type FakeAnswer, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { pollTile } from "../helpers/poll.ts";
import { makeTestCa, type TestCa } from "../helpers/test-ca.ts";

const now = new Date("2026-11-29T10:00:00Z");
let up: FakeUpstream;
afterEach(() => up?.close());
const k8s = (url = up.url, ca?: string) => ({
  type: "kubernetes",
  url,
  token: "k8s-secret-token-123456",
  ...(ca ? { ca } : {}),
});
const STAGING = "GET /apis/apps/v1/namespaces/api-staging/deployments/api";
const PROD = "GET /apis/apps/v1/namespaces/api-prod/deployments/api";
const params = {
  deployments: ["api-staging/api", { environment: "production", namespace: "api-prod", name: "api", container: "api" }],
};
const routes = (prod: string): Record<string, FakeAnswer> => ({
  [STAGING]: { json: fixture("kubernetes/deployment-staging.json") },
  [PROD]: { json: fixture(prod) },
});

describe("kubernetes-rollout", () => {
  it("one lane per Deployment: image tag, replicas, when the rollout last moved", async () => {
    up = await fakeUpstream(routes("kubernetes/deployment-production.json"));
    const f = await pollTile("kubernetes-rollout", params, k8s(), { now });
    for (const r of up.requests) expect(r.headers.authorization).toBe("Bearer k8s-secret-token-123456");
    expect(up.requests.map((r) => r.path)).toEqual([
      "/apis/apps/v1/namespaces/api-staging/deployments/api",
      "/apis/apps/v1/namespaces/api-prod/deployments/api",
    ]);
    expect(f).toMatchObject({ status: "ok", summary: "production on 1.4.2", running: false });
    expect(f.lanes![1]).toEqual({
      environment: "production",
      version: "1.4.2",
      deploy: "succeeded",
      status: "ok",
      at: "2026-11-25T14:05:00Z",
      recent: [{ title: "1.4.2", detail: "3 of 3 updated · 3 available · revision 7", at: "2026-11-25T14:05:00Z" }],
    });
  });

  it("a rollout under way is running, not yet succeeded", async () => {
    up = await fakeUpstream(routes("kubernetes/deployment-production-rolling.json"));
    const f = await pollTile("kubernetes-rollout", params, k8s(), { now });
    expect(f).toMatchObject({ status: "ok", running: true });
    expect(f.lanes![1]).toMatchObject({ deploy: "in_progress", version: "1.4.3" });
    expect(f.lanes![1]!.recent![0]!.detail).toBe("1 of 3 updated · 3 available · revision 8");
  });

  it("Progressing False with ProgressDeadlineExceeded is a failed deploy", async () => {
    up = await fakeUpstream(routes("kubernetes/deployment-production-deadline.json"));
    const f = await pollTile("kubernetes-rollout", params, k8s(), { now });
    expect(f).toMatchObject({
      status: "fail",
      summary: "production deploy of 1.4.3 failed · 10 min ago",
      running: false,
    });
  });

  it("Available False is red with the condition's message", async () => {
    up = await fakeUpstream(routes("kubernetes/deployment-production-unavailable.json"));
    const f = await pollTile("kubernetes-rollout", params, k8s(), { now });
    expect(f).toMatchObject({
      status: "fail",
      summary: "production unavailable: Deployment does not have minimum availability.",
    });
  });

  it.each([
    ["Unknown on Progressing", "Unknown", "production: condition Progressing is Unknown"],
    ["a status that is no condition status", "Maybe", 'production: condition Progressing has status "Maybe"'],
  ])("%s is grey, never green", async (_, status, error) => {
    const body = fixture("kubernetes/deployment-production.json");
    body.status.conditions[1].status = status;
    up = await fakeUpstream({ ...routes("kubernetes/deployment-production.json"), [PROD]: { json: body } });
    const f = await pollTile("kubernetes-rollout", params, k8s(), { now });
    expect(f).toMatchObject({ status: "unknown", error });
  });

  it("a 403 (RBAC) fails the poll without the token", async () => {
    up = await fakeUpstream({
      [STAGING]: {
        status: 403,
        json: {
          kind: "Status",
          apiVersion: "v1",
          status: "Failure",
          reason: "Forbidden",
          code: 403,
          message:
            'deployments.apps "api" is forbidden: User "system:serviceaccount:radiator:radiator" cannot get resource',
        },
      },
    });
    const err = await pollTile("kubernetes-rollout", params, k8s(), { now }).catch((e: Error) => e);
    expect(String(err)).toMatch(/403/);
    expect(String(err)).not.toContain("k8s-secret-token-123456");
  });

  it("rejects a Deployment not written as namespace/name", async () => {
    up = await fakeUpstream({});
    await expect(pollTile("kubernetes-rollout", { deployments: ["Acme/API"] }, k8s(), { now })).rejects.toThrow(
      /namespace\/name/,
    );
  });
});

describe("kubernetes-rollout over HTTPS with the cluster's CA file", () => {
  let dir: string;
  let ca: TestCa;
  let tls: Server;
  let tlsUrl: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "radiator-k8s-"));
    ca = makeTestCa(dir);
    // TLS in front of the fake upstream, as an API server with its own CA.
    tls = createServer({ key: readFileSync(ca.keyFile), cert: readFileSync(ca.certFile) }, (req, res) => {
      const fwd = request(`${up.url}${req.url}`, { method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      req.pipe(fwd);
    });
    await new Promise<void>((r) => tls.listen(0, "127.0.0.1", r));
    tlsUrl = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => tls.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it("verifies the server with the CA file and sends the token", async () => {
    up = await fakeUpstream(routes("kubernetes/deployment-production.json"));
    const f = await pollTile("kubernetes-rollout", params, k8s(tlsUrl, ca.caFile), { now });
    expect(f.status).toBe("ok");
    expect(up.hits(PROD)[0]!.headers.authorization).toBe("Bearer k8s-secret-token-123456");
  });

  it("refuses a server the CA did not sign", async () => {
    up = await fakeUpstream(routes("kubernetes/deployment-production.json"));
    await expect(pollTile("kubernetes-rollout", params, k8s(tlsUrl, ca.wrongCaFile), { now })).rejects.toThrow();
    expect(up.requests).toHaveLength(0);
  });
});

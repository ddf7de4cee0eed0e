// argocd-apps against a fake Argo CD API server replaying documented v1alpha1Application bodies.
import { afterEach, describe, expect, it } from "vitest";
import { fakeUpstream, fixture, type FakeAnswer, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { pollTile } from "../helpers/poll.ts";

const now = new Date("2026-11-29T10:00:00Z");
let up: FakeUpstream;
afterEach(() => up?.close());
const argo = () => ({ type: "argocd", url: up.url, token: "argo-secret-123456" });
const STAGING = "GET /api/v1/applications/api-staging";
const PROD = "GET /api/v1/applications/api-prod";
const params = {
  apps: [
    { environment: "staging", app: "api-staging" },
    { environment: "production", app: "api-prod", appNamespace: "argocd" },
  ],
};
const routes = (prod: string, staging = "argocd/application-staging.json"): Record<string, FakeAnswer> => ({
  [STAGING]: { json: fixture(staging) },
  [PROD]: { json: fixture(prod) },
});

describe("argocd-apps", () => {
  it("one lane per application with its revision, who synced it and its history", async () => {
    up = await fakeUpstream(routes("argocd/application-production.json"));
    const f = await pollTile("argocd-apps", params, argo(), { now });
    expect(up.hits(STAGING)[0]!.headers.authorization).toBe("Bearer argo-secret-123456");
    expect(up.hits(STAGING)[0]!.query.get("appNamespace")).toBe(null);
    expect(up.hits(PROD)[0]!.query.get("appNamespace")).toBe("argocd");
    // production on 1b2c3d4 since 25 Nov, staging moved on 28 Nov 16:02: behind 17 h 57 min, under 1 d
    expect(f).toMatchObject({ status: "ok", summary: "production on 1b2c3d4", running: false });
    expect(f.url).toBe(`${up.url}/applications`);
    expect(f.lanes![1]).toEqual({
      environment: "production",
      version: "1b2c3d4",
      deploy: "succeeded",
      status: "ok",
      at: "2026-11-25T14:03:00Z",
      by: "alice",
      url: `${up.url}/applications/api-prod`,
      recent: [
        {
          title: "1b2c3d4",
          status: "ok",
          detail: "synced · alice",
          at: "2026-11-25T14:03:00Z",
          url: `${up.url}/applications/api-prod`,
        },
      ],
    });
    expect(f.lanes![0]!.recent!.map((r) => r.title)).toEqual(["8f7e6d5", "1b2c3d4"]);
    expect(f.lanes![0]!.by).toBe("automated");
  });

  it("the image tag as the version, when asked", async () => {
    up = await fakeUpstream(routes("argocd/application-production.json"));
    const f = await pollTile("argocd-apps", { ...params, version: "image" }, argo(), { now });
    expect(f.lanes!.map((l) => l.version)).toEqual(["1.4.3", "1.4.2"]);
  });

  it("Degraded is red, with Argo CD's message", async () => {
    up = await fakeUpstream(routes("argocd/application-production-degraded.json"));
    const f = await pollTile("argocd-apps", params, argo(), { now });
    expect(f).toMatchObject({
      status: "fail",
      summary: 'production is Degraded: Deployment "api" exceeded its progress deadline',
    });
    expect(f.lanes![1]!.status).toBe("fail");
  });

  it("a failed sync is red and names the revision it tried", async () => {
    up = await fakeUpstream(routes("argocd/application-production-failed.json"));
    const f = await pollTile("argocd-apps", params, argo(), { now });
    expect(f).toMatchObject({ status: "fail", summary: "production deploy of 8f7e6d5 failed · bob · 29 min ago" });
    expect(f.lanes![1]).toMatchObject({ deploy: "failed", version: "1b2c3d4" });
  });

  it("OutOfSync turns amber only once this tile has seen it longer than warnAfter", async () => {
    up = await fakeUpstream(routes("argocd/application-production-outofsync.json"));
    const memo = new Map<string, unknown>();
    const first = await pollTile("argocd-apps", params, argo(), { now, memo });
    expect(first.status).toBe("ok");
    const later = new Date(now.getTime() + 16 * 60_000);
    const second = await pollTile("argocd-apps", params, argo(), { now: later, memo });
    expect(second).toMatchObject({ status: "warn", summary: "production: OutOfSync for 16 min" });
    up.route(PROD, { json: fixture("argocd/application-production.json") });
    const synced = await pollTile("argocd-apps", params, argo(), { now: later, memo });
    expect(synced.status).toBe("ok");
    expect(memo.has("oos:api-prod")).toBe(false);
  });

  it("Progressing runs, and is amber past warnAfter from health.lastTransitionTime", async () => {
    up = await fakeUpstream(
      routes("argocd/application-production.json", "argocd/application-staging-progressing.json"),
    );
    const soon = await pollTile("argocd-apps", params, argo(), { now: new Date("2026-11-29T09:10:00Z") });
    expect(soon).toMatchObject({ status: "ok", running: true });
    const f = await pollTile("argocd-apps", params, argo(), { now });
    expect(f).toMatchObject({ status: "warn", summary: "staging: Progressing for 1 h" });
  });

  it.each([
    ["health", { health: { status: "Confused" } }, 'staging: health "Confused"'],
    ["sync", { sync: { status: "Unknown", revision: "x" } }, 'staging: sync status "Unknown"'],
    [
      "operation phase",
      { operationState: { phase: "Pondering" } },
      'staging: unknown Argo CD operation phase "Pondering"',
    ],
  ])("an unknown %s is grey, never green", async (_, patch, error) => {
    const app = fixture("argocd/application-staging.json");
    up = await fakeUpstream({
      ...routes("argocd/application-production.json"),
      [STAGING]: { json: { ...app, status: { ...app.status, ...patch } } },
    });
    const f = await pollTile("argocd-apps", params, argo(), { now });
    expect(f).toMatchObject({ status: "unknown", error });
  });

  it("a 403 fails the poll without the token", async () => {
    up = await fakeUpstream({ [STAGING]: { status: 403, json: { error: "permission denied", code: 7 } } });
    const err = await pollTile("argocd-apps", params, argo(), { now }).catch((e: Error) => e);
    expect(String(err)).toMatch(/403/);
    expect(String(err)).not.toContain("argo-secret-123456");
  });

  it("rejects a tile without apps with a clear error", async () => {
    up = await fakeUpstream({});
    await expect(pollTile("argocd-apps", { apps: [] }, argo(), { now })).rejects.toThrow(
      /name at least one application/,
    );
  });
});

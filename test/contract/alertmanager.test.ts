// alertmanager against a fake Alertmanager API v2 replaying bodies shaped as its OpenAPI document.
import { afterEach, describe, expect, it } from "vitest";
import { fakeUpstream, fixture, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { pollTile } from "../helpers/poll.ts";

const now = new Date("2026-11-29T04:24:00Z");
let up: FakeUpstream;
afterEach(() => up?.close());
const am = (extra: Record<string, unknown> = {}) => ({ type: "alertmanager", url: up.url, ...extra });

describe("alertmanager", () => {
  it("asks every alert state, with each filter matcher as its own `filter` parameter and basic auth", async () => {
    up = await fakeUpstream({ "GET /api/v2/alerts": { json: fixture("alertmanager/alerts.json") } });
    const f = await pollTile(
      "alertmanager",
      { filter: ['team="ops"', 'env=~"prod|staging"'] },
      am({ user: "radiator", password: "am-pa55" }),
      { now },
    );
    const [req] = up.requests;
    expect(req!.headers.authorization).toBe(`Basic ${Buffer.from("radiator:am-pa55").toString("base64")}`);
    expect(req!.query.getAll("filter")).toEqual(['team="ops"', 'env=~"prod|staging"']);
    expect(["active", "silenced", "inhibited", "unprocessed"].map((k) => req!.query.get(k))).toEqual([
      "true",
      "true",
      "true",
      "true",
    ]);
    expect(f).toMatchObject({
      status: "fail",
      value: 2,
      summary: "2 firing (1 critical, 1 warning): AlwaysFiring, ProbeDown · 1 inhibited",
    });
    expect(f.url).toBe(
      `${up.url}/#/alerts?silenced=false&inhibited=false&active=true&filter=${encodeURIComponent('{team="ops",env=~"prod|staging"}')}`,
    );
  });

  it("is ok with the alert silenced, counting it", async () => {
    up = await fakeUpstream({ "GET /api/v2/alerts": { json: fixture("alertmanager/alerts-silenced.json") } });
    expect(await pollTile("alertmanager", {}, am({ token: "bearer-tok" }), { now })).toMatchObject({
      status: "ok",
      summary: "no alerts firing · 1 silenced",
    });
    expect(up.requests[0]!.headers.authorization).toBe("Bearer bearer-tok");
  });

  it("a rejected filter fails the poll with Alertmanager's own words", async () => {
    up = await fakeUpstream({
      "GET /api/v2/alerts": { status: 400, json: 'matcher value contains unescaped double quote: =\\"web\\"' },
    });
    await expect(pollTile("alertmanager", {}, am(), { now })).rejects.toThrow(
      "Alertmanager rejected the request (HTTP 400): matcher value contains unescaped double quote",
    );
  });

  it.each([
    ["a 503", { status: 503, body: "Service Unavailable" }, /HTTP 503/],
    ["not JSON", { body: "<html></html>" }, /malformed JSON/],
    ["an object instead of a list", { json: { alerts: [] } }, /unexpected shape: the body/],
    [
      "an alert without status",
      { json: [{ labels: { alertname: "x" }, startsAt: "2026-11-29T04:00:00Z" }] },
      /unexpected shape: 0.status/,
    ],
  ])("an answer with %s fails the poll", async (_, answer, message) => {
    up = await fakeUpstream({ "GET /api/v2/alerts": answer });
    await expect(pollTile("alertmanager", {}, am(), { now })).rejects.toThrow(message);
  });

  it("an Alertmanager that does not answer fails the poll with a timeout", async () => {
    up = await fakeUpstream({ "*": { hang: true } });
    await expect(pollTile("alertmanager", {}, am(), { now, timeoutMs: 300 })).rejects.toMatchObject({
      code: "timeout",
    });
  });

  it("never puts the webhook secret in a request", async () => {
    up = await fakeUpstream({ "GET /api/v2/alerts": { json: fixture("alertmanager/alerts-empty.json") } });
    expect(await pollTile("alertmanager", {}, am({ webhookSecret: "hook-s3cret" }), { now })).toMatchObject({
      status: "ok",
      summary: "no alerts firing",
    });
    expect(JSON.stringify(up.requests)).not.toContain("hook-s3cret");
  });
});

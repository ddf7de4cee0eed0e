// prometheus-targets against a fake Prometheus targets API replaying documented bodies.
import { afterEach, describe, expect, it } from "vitest";
import { fakeUpstream, fixture, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { pollTile } from "../helpers/poll.ts";

const now = new Date("2026-11-29T04:23:02Z");
let up: FakeUpstream;
afterEach(() => up?.close());
const prom = () => ({ type: "prometheus", url: up.url, token: "t0ken-value" });

describe("prometheus-targets", () => {
  it("asks the active targets with the token and is ok when all are up", async () => {
    up = await fakeUpstream({ "GET /api/v1/targets": { json: fixture("prometheus/targets.json") } });
    const f = await pollTile("prometheus-targets", {}, prom(), { now });
    const [req] = up.requests;
    expect(Object.fromEntries(req!.query)).toEqual({ state: "active" });
    expect(req!.headers.authorization).toBe("Bearer t0ken-value");
    expect(f).toMatchObject({ status: "ok", summary: "4/4 targets up", url: `${up.url}/targets` });
  });

  it("fails on a down target, naming it with its last error", async () => {
    up = await fakeUpstream({ "GET /api/v1/targets": { json: fixture("prometheus/targets-down.json") } });
    const f = await pollTile("prometheus-targets", { job: "node" }, prom(), { now });
    expect(f).toMatchObject({ status: "fail", summary: "1/1 targets down: node web-1:9100" });
    expect(f.items![0]!.detail).toMatch(/connection refused · http:\/\/web-1:9100\/metrics/);
  });

  it.each([
    ["a 503", { status: 503, body: "Service Unavailable" }, /HTTP 503/],
    ["not JSON", { body: "<html></html>" }, /malformed JSON/],
    [
      "no activeTargets",
      { json: { status: "success", data: { droppedTargets: [] } } },
      /unexpected shape: activeTargets/,
    ],
    [
      "a target without health",
      { json: { status: "success", data: { activeTargets: [{ labels: {}, scrapeUrl: "http://x/metrics" }] } } },
      /activeTargets.0.health/,
    ],
    ["an error envelope", { status: 422, json: { status: "error", errorType: "internal", error: "boom" } }, /HTTP 422/],
  ])("an answer with %s fails the poll", async (_, answer, message) => {
    up = await fakeUpstream({ "GET /api/v1/targets": answer });
    await expect(pollTile("prometheus-targets", {}, prom(), { now })).rejects.toThrow(message);
  });

  it("a Prometheus that does not answer fails the poll with a timeout", async () => {
    up = await fakeUpstream({ "*": { hang: true } });
    await expect(pollTile("prometheus-targets", {}, prom(), { now, timeoutMs: 300 })).rejects.toMatchObject({
      code: "timeout",
    });
  });
});

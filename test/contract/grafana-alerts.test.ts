// grafana-alerts against a fake Grafana alerting API (test/fixtures/grafana/SOURCE.md).
import { afterEach, describe, expect, it } from "vitest";
import { fakeUpstream, fixture, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { pollTile } from "../helpers/poll.ts";

const now = new Date("2026-12-01T09:00:00Z");
let up: FakeUpstream;
afterEach(() => up?.close());
const ROUTE = "GET /grafana/api/alertmanager/grafana/api/v2/alerts";
const conn = () => ({ type: "grafana", url: `${up.url}/grafana`, token: "glsa_service_account_token" });

describe("grafana-alerts", () => {
  it("asks Grafana's Alertmanager API with the service-account token, every state and the matchers", async () => {
    up = await fakeUpstream({ [ROUTE]: { json: fixture("grafana/alerts.json") } });
    const f = await pollTile("grafana-alerts", { filter: ['grafana_folder="Ops"'] }, conn(), { now });
    const [req] = up.requests;
    expect(req!.headers.authorization).toBe("Bearer glsa_service_account_token");
    expect(req!.query.getAll("filter")).toEqual(['grafana_folder="Ops"']);
    expect(["active", "silenced", "inhibited", "unprocessed"].map((k) => req!.query.get(k))).toEqual([
      "true",
      "true",
      "true",
      "true",
    ]);
    expect(f).toMatchObject({
      status: "fail",
      value: 2,
      summary: "2 firing (1 critical, 1 warning): HighErrorRate, DiskFillingUp · 1 silenced",
      url: `${up.url}/grafana/alerting/groups?matcher=grafana_folder%3D%22Ops%22`,
    });
    expect(f.items!.map((i) => [i.title, i.status, i.url])).toEqual([
      ["HighErrorRate", "fail", "https://grafana.example.com/alerting/grafana/ddx1/view?orgId=1"],
      ["DiskFillingUp db-1:9100", "warn", "https://grafana.example.com/alerting/grafana/ddx2/view?orgId=1"],
    ]);
  });

  it("is ok with no alerts", async () => {
    up = await fakeUpstream({ [ROUTE]: { json: fixture("grafana/alerts-empty.json") } });
    expect(await pollTile("grafana-alerts", {}, conn(), { now })).toMatchObject({
      status: "ok",
      summary: "no alerts firing",
      url: `${up.url}/grafana/alerting/groups`,
    });
  });

  it("many alerts: all counted, the list capped; an unknown state is named", async () => {
    const [one] = fixture("grafana/alerts.json");
    const many = Array.from({ length: 150 }, (_, i) => ({ ...one, labels: { ...one.labels, alertname: `A${i}` } }));
    up = await fakeUpstream({ [ROUTE]: { json: many } });
    const f = await pollTile("grafana-alerts", { limit: 5 }, conn(), { now });
    expect(f.value).toBe(150);
    expect(f.items!.length).toBe(5);
    up.route(ROUTE, {
      json: [{ ...one, labels: { ...one.labels, severity: "warning" }, status: { ...one.status, state: "pending" } }],
    });
    expect(await pollTile("grafana-alerts", {}, conn(), { now })).toMatchObject({
      status: "unknown",
      error: 'unknown Alertmanager alert state "pending"',
    });
  });

  it.each([
    ["401", { status: 401, json: { message: "invalid API key" } }, /token rejected/],
    [
      "403",
      {
        status: 403,
        json: {
          message:
            "You'll need additional permissions to perform this action. Permissions needed: alert.instances:read",
        },
      },
      /access denied/,
    ],
    ["429", { status: 429, json: { message: "too many requests" } }, /rate limited/],
    [
      "400",
      { status: 400, json: { message: "bad matcher format" } },
      "Grafana rejected the request (HTTP 400): bad matcher format",
    ],
    ["the login page", { body: "<!doctype html><html></html>" }, /malformed JSON/],
    ["an object, not a list", { json: { alerts: [] } }, /unexpected shape/],
  ])("an answer with %s fails the poll", async (_, answer, message) => {
    up = await fakeUpstream({ [ROUTE]: answer });
    await expect(pollTile("grafana-alerts", {}, conn(), { now })).rejects.toThrow(message);
  });
});

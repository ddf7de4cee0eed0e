import { describe, expect, it } from "vitest";
import source, { amLink, params, payloadMatches, STATE, type Alert } from "../../../collector/sources/alertmanager.ts";
import { matchesLabels, parseMatchers } from "../../../collector/sources/lib/alertmanager-matchers.ts";
import { fixture } from "../../helpers/fake-upstream.ts";
import { normaliseWith } from "../../helpers/normalise.ts";

const now = new Date("2026-11-29T04:24:00Z");
const AM = "http://am:9093/";
const alerts = (name: string): Alert[] => fixture(`alertmanager/${name}`);
const P = (p: Record<string, unknown> = {}) => params.parse(p);

describe("alertmanager normalise()", () => {
  it.each([
    ["active", "critical", "fail"],
    ["active", "warning", "warn"],
    ["active", "info", "warn"],
    ["unprocessed", "critical", "fail"],
    ["suppressed", "critical", "ok"],
  ])("an alert in state %s with severity %s makes the tile %s", (state, severity, status) => {
    const [a] = alerts("alerts.json");
    const f = normaliseWith(
      source,
      {
        alerts: [
          {
            ...a!,
            labels: { ...a!.labels, severity },
            status: { ...a!.status, state, silencedBy: state === "suppressed" ? ["x"] : [] },
          },
        ],
        root: AM,
      },
      P(),
      { now },
    );
    expect(f.status).toBe(status);
    expect(Object.keys(STATE)).toContain(state);
  });

  it("normalise() fails on a critical alert, warns on the rest, and counts the inhibited one apart", () => {
    const f = normaliseWith(source, { alerts: alerts("alerts.json"), root: AM }, P(), { now });
    expect(f).toMatchObject({
      status: "fail",
      value: 2,
      since: "2026-11-29T04:22:54.127Z",
      summary: "2 firing (1 critical, 1 warning): AlwaysFiring, ProbeDown · 1 inhibited",
      url: "http://am:9093/#/alerts?silenced=false&inhibited=false&active=true",
    });
    expect(f.items).toEqual([
      {
        title: "AlwaysFiring",
        status: "fail",
        at: "2026-11-29T04:22:54.127Z",
        url: "http://prometheus:9090/graph?g0.expr=vector%281%29+%3E+0&g0.tab=1",
        detail: 'critical · test alert that fires at once · {team="ops"} · since 1 min ago',
      },
      {
        title: "ProbeDown http://shop.example.com/health",
        status: "warn",
        at: "2026-11-29T04:23:01.127Z",
        url: "http://prometheus:9090/graph?g0.expr=probe_success%7Bjob%3D%22probe%22%7D+%3D%3D+0&g0.tab=1",
        detail:
          'warning · the probed site is down · {instance="http://shop.example.com/health", job="probe", team="web"} · since 58 s ago',
      },
    ]);
  });

  it("normalise() is ok with one silenced alert, and says so", () => {
    expect(normaliseWith(source, { alerts: alerts("alerts-silenced.json"), root: AM }, P(), { now })).toMatchObject({
      status: "ok",
      summary: "no alerts firing · 1 silenced",
      value: 0,
      items: [],
    });
  });

  it("normalise() is ok with no alerts at all", () => {
    const f = normaliseWith(source, { alerts: [], root: AM }, P(), { now });
    expect(f).toMatchObject({ status: "ok", summary: "no alerts firing", since: undefined });
  });

  it("normalise() shows a single alert's summary on the tile", () => {
    const [a] = alerts("alerts.json");
    expect(normaliseWith(source, { alerts: [a!], root: AM }, P(), { now }).summary).toBe(
      "AlwaysFiring (critical): test alert that fires at once",
    );
  });

  it("normalise() takes `since` from the alerts that decide the status", () => {
    const [, warning] = alerts("alerts.json");
    expect(normaliseWith(source, { alerts: [warning!], root: AM }, P(), { now })).toMatchObject({
      status: "warn",
      since: "2026-11-29T04:23:01.127Z",
    });
  });

  it("normalise() fails on the tile's own failOn severities", () => {
    expect(
      normaliseWith(source, { alerts: alerts("alerts.json"), root: AM }, P({ failOn: ["warning"] }), {
        now,
      }).items!.map((i) => i.status),
    ).toEqual(["fail", "warn"]);
  });

  it("normalise() is unknown for an alert state it does not know, naming it", () => {
    const [, warning] = alerts("alerts.json");
    const f = normaliseWith(
      source,
      { alerts: [{ ...warning!, status: { ...warning!.status, state: "pending" } }], root: AM },
      P(),
      { now },
    );
    expect(f.status).toBe("unknown");
    expect(f.error).toBe('unknown Alertmanager alert state "pending"');
  });

  it("normalise() links an alert without a generator URL to Alertmanager's page for it", () => {
    const [a] = alerts("alerts.json");
    const f = normaliseWith(source, { alerts: [{ ...a!, generatorURL: "javascript:alert(1)" }], root: AM }, P(), {
      now,
    });
    expect(f.items![0]!.url).toBe(
      `http://am:9093/#/alerts?silenced=false&inhibited=false&active=true&filter=${encodeURIComponent('{alertname="AlwaysFiring",severity="critical",team="ops"}')}`,
    );
  });

  it("amLink() carries the tile's filter", () => {
    expect(amLink("http://am:9093/prefix/", ['team="ops"', 'severity=~"crit.*"'])).toBe(
      `http://am:9093/prefix/#/alerts?silenced=false&inhibited=false&active=true&filter=${encodeURIComponent('{team="ops",severity=~"crit.*"}')}`,
    );
  });
});

describe("alertmanager filter and webhook", () => {
  it.each([
    ['team="ops"', { team: "ops" }, true],
    ['team="ops"', { team: "web" }, false],
    ["team=ops", { team: "ops" }, true],
    ['team!="ops"', { team: "web" }, true],
    ['team!="ops"', {}, true],
    ['env=~"prod|staging"', { env: "staging" }, true],
    ['env=~"prod"', { env: "prod-eu" }, false],
    ['env!~"dev.*"', { env: "dev-2" }, false],
    ['{team="ops", severity="critical"}', { team: "ops", severity: "critical" }, true],
    ['{team="ops", severity="critical"}', { team: "ops", severity: "warning" }, false],
    ['msg="a, \\"b\\""', { msg: 'a, "b"' }, true],
  ])("the matcher %s on %o matches: %s", (text, labels, expected) => {
    expect(matchesLabels(parseMatchers(text), labels)).toBe(expected);
  });

  it.each([
    ['team=="ops"', /not a matcher/],
    ["", /no matcher/],
    ['env=~"("', /bad regex/],
  ])("params reject the filter %s", (text, message) => {
    const r = params.safeParse({ filter: [text] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toMatch(message);
  });

  it("payloadMatches() says yes when a payload alert meets the tile's filter, no otherwise", () => {
    const hook = fixture("alertmanager/webhook.json");
    expect(payloadMatches(hook, P({ filter: ['team="ops"'] }))).toBe(true);
    expect(payloadMatches(hook, P({ filter: ['team="web"'] }))).toBe(false);
    expect(payloadMatches(hook, P())).toBe(true);
  });

  it("payloadMatches() re-polls on a payload it cannot read: polling stays the truth", () => {
    expect(payloadMatches({ nothing: true }, P({ filter: ['team="web"'] }))).toBe(true);
    expect(payloadMatches(null, P({ filter: ['team="web"'] }))).toBe(true);
  });
});

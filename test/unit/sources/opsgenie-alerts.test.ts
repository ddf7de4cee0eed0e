import { describe, expect, it } from "vitest";
import source, { params, PRIORITY, type Alert } from "../../../collector/sources/opsgenie-alerts.ts";
import { fixture } from "../../helpers/fake-upstream.ts";
import { normaliseWith } from "../../helpers/normalise.ts";

const now = new Date("2026-11-29T10:00:00Z");
const p = params.parse({});
const page1: Alert[] = fixture("opsgenie/alerts-page-1.json").data;
const page2: Alert[] = fixture("opsgenie/alerts-page-2.json").data;
const one = (over: Partial<Alert>): Alert => ({ ...page1[0]!, ...over });

describe("opsgenie-alerts normalise()", () => {
  it.each([
    ["P1", "fail"],
    ["P2", "fail"],
    ["P3", "warn"],
    ["P4", "warn"],
    ["P5", "warn"],
    ["P0", "unknown"],
    ["critical", "unknown"],
  ] as const)("one open %s alert makes the tile %s", (priority, status) => {
    const f = normaliseWith(source, { alerts: [one({ priority })] }, p, { now });
    expect(f.status).toBe(status);
    if (status === "unknown") expect(f.error).toBe(`unknown Opsgenie priority "${priority}"`);
  });

  it("maps every documented priority", () => {
    expect(Object.keys(PRIORITY)).toEqual(["P1", "P2", "P3", "P4", "P5"]);
  });

  it("no open alerts is ok", () => {
    expect(normaliseWith(source, { alerts: [] }, p, { now })).toMatchObject({
      status: "ok",
      summary: "no open alerts",
      value: 0,
      items: [],
    });
  });

  it("lists the worst first, marks acknowledged and snoozed alerts, and links them when the site is known", () => {
    const f = normaliseWith(source, { alerts: [...page1, ...page2], site: "https://acme.app.opsgenie.com/" }, p, {
      now,
    });
    expect(f.status).toBe("fail");
    expect(f.summary).toBe("3 open: 1 P1, 1 P3, 1 P5 · 1 acknowledged");
    expect(f.since).toBe("2026-11-29T09:30:00.000Z");
    expect(f.items).toEqual([
      {
        title: "P1 API error rate above 5%",
        status: "fail",
        url: "https://acme.app.opsgenie.com/alert/detail/c9cec2cb-e782-4ebb-bc1d-1b2fa703cf03/details",
        detail: "not acknowledged · ×4 · 30 min ago",
        at: "2026-11-29T09:30:00.000Z",
      },
      {
        title: "P3 Disk usage above 90% on db-2",
        status: "warn",
        url: "https://acme.app.opsgenie.com/alert/detail/70413a06-38d6-4c85-92b8-5ebc900d42e2/details",
        detail: "acknowledged by alice@acme.com · 3 h ago",
        at: "2026-11-29T07:00:00.000Z",
      },
      {
        title: "P5 Certificate expires in 10 days",
        status: "warn",
        url: "https://acme.app.opsgenie.com/alert/detail/8418d193-2dab-4490-b331-8c02cdd196b7/details",
        detail: "not acknowledged · snoozed · 1 d ago",
        at: "2026-11-28T10:00:00.000Z",
      },
    ]);
  });

  it("with pages left unread and no P1/P2 seen, it is unknown, not warn", () => {
    const f = normaliseWith(source, { alerts: page1, truncated: true }, p, { now });
    expect(f.status).toBe("unknown");
    expect(f.summary).toMatch(/^2\+ open/);
  });
});

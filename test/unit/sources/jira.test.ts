import { describe, expect, it } from "vitest";
import source, { params, withoutOrderBy } from "../../../collector/sources/jira.ts";
import { fixture } from "../../helpers/fake-upstream.ts";
import { normaliseWith } from "../../helpers/normalise.ts";
import { buildTile } from "../../helpers/builders.ts";

const now = new Date("2026-11-29T10:00:00Z");
const site = "https://acme.atlassian.net";
const page1 = fixture("jira/cloud-search-page-1.json");

describe("jira normalise()", () => {
  it.each([
    [0, {}, "ok"],
    [153, {}, "ok"],
    [9, { warn: 10, fail: 20 }, "ok"],
    [10, { warn: 10, fail: 20 }, "warn"],
    [19, { warn: 10, fail: 20 }, "warn"],
    [20, { warn: 10, fail: 20 }, "fail"],
    [5, { fail: 5 }, "fail"],
  ] as const)("a count of %d with thresholds %j is %s", (count, t, status) => {
    const f = normaliseWith(source, { count, issues: [] }, params.parse({ jql: "project = OPS", ...t }), {
      now,
      baseUrl: site,
    });
    expect(f.status).toBe(status);
    expect(f.value).toBe(count);
  });

  it("lists the issues with key, summary, priority, status, assignee and age, linked to /browse/KEY", () => {
    const f = normaliseWith(
      source,
      { count: 153, issues: page1.issues },
      params.parse({ jql: "project = OPS", warn: 100 }),
      { now, baseUrl: site },
    );
    expect(f.summary).toBe("153 issues (warn at 100)");
    expect(f.items).toEqual([
      {
        title: "OPS-231 Disk almost full on db-2",
        url: `${site}/browse/OPS-231`,
        detail: "Highest · In Progress · Alice Adams · 1 d 3 h ago",
        at: "2026-11-28T07:00:00.000Z",
      },
      {
        title: "OPS-229 Rotate the staging TLS certificate",
        url: `${site}/browse/OPS-229`,
        detail: "Medium · To Do · unassigned · 3 d ago",
        at: "2026-11-26T10:00:00.000Z",
      },
    ]);
    expect(f.people).toEqual(["Alice Adams"]);
    expect(f.url).toBe(`${site}/issues/?jql=project%20%3D%20OPS`);
  });

  it("lists no more issues than `limit`", () => {
    expect(
      normaliseWith(source, { count: 2, issues: page1.issues }, params.parse({ jql: "x", limit: 1 }), {
        now,
        baseUrl: site,
      }).items,
    ).toHaveLength(1);
  });

  it("appends the count to the previous series, or to the history after a restart", () => {
    const history = [
      { t: 1, status: "ok" as const, value: 4 },
      { t: 2, status: "ok" as const },
      { t: 3, status: "warn" as const, value: 12 },
    ];
    const f = normaliseWith(source, { count: 7, issues: [] }, params.parse({ jql: "x" }), {
      now,
      baseUrl: site,
      history,
    });
    expect(f.series).toEqual([
      { t: 1, v: 4 },
      { t: 3, v: 12 },
      { t: now.getTime(), v: 7 },
    ]);
    const g = normaliseWith(source, { count: 8, issues: [] }, params.parse({ jql: "x" }), {
      now,
      baseUrl: site,
      previous: buildTile({ series: [{ t: 5, v: 6 }] }),
      history,
    });
    expect(g.series).toEqual([
      { t: 5, v: 6 },
      { t: now.getTime(), v: 8 },
    ]);
  });
});

describe("withoutOrderBy()", () => {
  it.each([
    ["project = OPS ORDER BY priority DESC, created ASC", "project = OPS"],
    ["project = OPS order by created", "project = OPS"],
    ["project = OPS", "project = OPS"],
    ['summary ~ "order by"', 'summary ~ "order by"'],
  ])("%s → %s", (jql, out) => {
    expect(withoutOrderBy(jql)).toBe(out);
  });
});

import { describe, expect, it } from "vitest";
import source, { params } from "../../../collector/sources/gitlab-issues.ts";
import { fixture } from "../../helpers/fake-upstream.ts";
import { normaliseWith } from "../../helpers/normalise.ts";

const now = new Date("2026-11-29T10:00:00Z");
const p = (extra: Record<string, unknown> = {}) => params.parse({ project: "acme/ops", labels: ["ops"], ...extra });

describe("gitlab-issues normalise()", () => {
  it.each([
    [2, {}, "ok"],
    [2, { warn: 2 }, "warn"],
    [5, { warn: 2, fail: 5 }, "fail"],
    [1, { warn: 2, fail: 5 }, "ok"],
  ] as const)("a count of %d with thresholds %j is %s", (count, t, status) => {
    expect(normaliseWith(source, { body: fixture("gitlab/project-issues.json"), count }, p(t), { now }).status).toBe(
      status,
    );
  });

  it("lists iid, title, labels, assignees and age, linked to the issue, and links the filtered list", () => {
    const f = normaliseWith(source, { body: fixture("gitlab/project-issues.json"), count: 14 }, p(), { now });
    expect(f.summary).toBe("14 open issues");
    expect(f.items).toEqual([
      {
        title: "#88 Runner autoscaling stuck at 0",
        url: "https://gitlab.com/acme/ops/-/issues/88",
        detail: "ops, ci · farah · 3 h ago",
        at: "2026-11-29T07:00:00Z",
      },
      {
        title: "#86 Nightly backup job exceeded its window",
        url: "https://gitlab.com/acme/ops/-/issues/86",
        detail: "ops · unassigned · 3 d ago",
        at: "2026-11-26T10:00:00Z",
      },
    ]);
    expect(f.people).toEqual(["farah"]);
    expect(f.url).toBe("https://gitlab.com/acme/ops/-/issues?state=opened&label_name=ops");
  });

  it("names closed and all issues as such", () => {
    expect(normaliseWith(source, { body: [], count: 3 }, p({ state: "closed" }), { now }).summary).toBe(
      "3 closed issues",
    );
    expect(normaliseWith(source, { body: [], count: 1 }, p({ state: "all" }), { now }).summary).toBe("1 issue");
  });

  it("throws on an answer that is not a list of issues", () => {
    expect(() => normaliseWith(source, { body: { message: "404 Project Not Found" }, count: 0 }, p(), { now })).toThrow(
      /unexpected shape/,
    );
  });
});

import { describe, expect, it } from "vitest";
import source, { params, searchPage } from "../../../collector/sources/github-issues.ts";
import { fixture } from "../../helpers/fake-upstream.ts";
import { normaliseWith } from "../../helpers/normalise.ts";

const now = new Date("2026-11-29T10:00:00Z");
const p = (extra: Record<string, unknown> = {}) => params.parse({ query: "repo:acme/ops is:open label:ops", ...extra });

describe("github-issues normalise()", () => {
  it.each([
    [{}, "ok"],
    [{ warn: 50 }, "warn"],
    [{ warn: 10, fail: 57 }, "fail"],
    [{ warn: 58 }, "ok"],
  ] as const)("57 issues with thresholds %j are %s", (t, status) => {
    expect(normaliseWith(source, fixture("github/search-issues.json"), p(t), { now }).status).toBe(status);
  });

  it("lists number, title, repository, labels, assignees and age, linked to the issue", () => {
    const f = normaliseWith(source, fixture("github/search-issues.json"), p(), { now });
    expect(f.summary).toBe("57 issues");
    expect(f.items).toEqual([
      {
        title: "#412 Certificate for status.acme.com expires in 5 days",
        url: "https://github.com/acme/ops/issues/412",
        detail: "acme/ops · ops, urgent · alice · 2 h ago",
        at: "2026-11-29T08:00:00Z",
      },
      {
        title: "#409 Grafana alert rule for queue depth is noisy",
        url: "https://github.com/acme/ops/issues/409",
        detail: "acme/ops · ops · unassigned · 2 d ago",
        at: "2026-11-27T10:00:00Z",
      },
      {
        title: "#405 Pin node_exporter version in the playbook",
        url: "https://github.com/acme/ops/pull/405",
        detail: "acme/ops · pull request · ops · bob, alice · 4 d ago",
        at: "2026-11-25T10:00:00Z",
      },
    ]);
    expect(f.people).toEqual(["alice", "bob"]);
    expect(f.url).toBe("https://github.com/search?type=issues&q=repo%3Aacme%2Fops%20is%3Aopen%20label%3Aops");
  });

  it("an incomplete search below the fail threshold is unknown, never green", () => {
    const f = normaliseWith(source, fixture("github/search-issues-incomplete.json"), p({ fail: 10 }), { now });
    expect(f.status).toBe("unknown");
    expect(f.error).toMatch(/incomplete_results/);
    expect(normaliseWith(source, fixture("github/search-issues-incomplete.json"), p({ fail: 2 }), { now }).status).toBe(
      "fail",
    );
  });

  it("throws on an answer without items", () => {
    expect(() => normaliseWith(source, { total_count: 3, incomplete_results: false }, p(), { now })).toThrow(
      /unexpected shape: items/,
    );
  });

  it("links GitHub Enterprise searches to the Enterprise host", () => {
    expect(searchPage("https://ghe.acme.com/api/v3", "is:open")).toBe(
      "https://ghe.acme.com/search?type=issues&q=is%3Aopen",
    );
  });
});

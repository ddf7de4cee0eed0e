import { describe, expect, it } from "vitest";
import source, { params } from "../../../collector/sources/github-releases.ts";
import { fixture } from "../../helpers/fake-upstream.ts";
import { normaliseWith } from "../../helpers/normalise.ts";

const now = new Date("2026-11-29T10:00:00Z");

describe("github-releases normalise()", () => {
  it("names the latest tag and its age", () => {
    const f = normaliseWith(source, fixture("github/release-latest.json"), params.parse({ repo: "acme/api" }), { now });
    expect(f).toMatchObject({ status: "ok", summary: "acme/api v1.0.0 · 1 d ago", url: "https://github.com/acme/api/releases/tag/v1.0.0" });
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { fakeUpstream, fixture, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { pollTile } from "../helpers/poll.ts";

let up: FakeUpstream;
afterEach(() => up?.close());

describe("github-releases", () => {
  it("reads the latest release", async () => {
    up = await fakeUpstream({ "GET /repos/acme/api/releases/latest": { json: fixture("github/release-latest.json") } });
    const f = await pollTile("github-releases", { repo: "acme/api" }, { type: "github", url: up.url }, { now: new Date("2026-11-29T10:00:00Z") });
    expect(f.status).toBe("ok");
  });
});

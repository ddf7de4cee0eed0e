import { afterEach, describe, expect, it } from "vitest";
import { fakeUpstream, fixture, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { pollTile } from "../helpers/poll.ts";

let up: FakeUpstream;
afterEach(() => up?.close());

describe("statuspage-status", () => {
  it("reads the page's status", async () => {
    up = await fakeUpstream({ "GET /api/v2/status.json": { json: fixture("statuspage/status.json") } });
    expect((await pollTile("statuspage-status", {}, { type: "statuspage", url: up.url })).status).toBe("fail");
  });
});

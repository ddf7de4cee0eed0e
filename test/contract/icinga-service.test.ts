// icinga-service against a fake Icinga 2 API (test/fixtures/icinga2/SOURCE.md).
import { afterEach, describe, expect, it } from "vitest";
import { fakeUpstream, fixture, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { pollTile } from "../helpers/poll.ts";

const now = new Date("2026-12-01T09:00:00Z");
let up: FakeUpstream;
afterEach(() => up?.close());
const conn = () => ({ type: "icinga2", url: `${up.url}/v1`, user: "radiator", password: "icinga-pw" });

describe("icinga-service", () => {
  it("asks for exactly one service and shows its state, output and perfdata", async () => {
    up = await fakeUpstream({ "POST /v1/objects/services": { json: fixture("icinga2/service-disk.json") } });
    const f = await pollTile("icinga-service", { host: "web-1", service: "disk" }, conn(), { now });
    const body = JSON.parse(up.requests[0]!.body);
    expect(body.filter).toBe('host.name == "web-1" && service.name == "disk"');
    expect(up.requests[0]!.headers["x-http-method-override"]).toBe("GET");
    expect(f).toMatchObject({ status: "fail", value: 97, unit: "%", summary: "CRITICAL: DISK CRITICAL - / 97% used" });
    expect(f.series).toEqual([{ t: now.getTime(), v: 97 }]);
  });

  it("a perfdata value that is not a number makes the tile unknown", async () => {
    up = await fakeUpstream({ "POST /v1/objects/services": { json: fixture("icinga2/service-disk.json") } });
    const f = await pollTile("icinga-service", { host: "web-1", service: "disk", perfdata: "/var" }, conn(), { now });
    expect(f).toMatchObject({ status: "unknown", error: 'performance data "/var" is not a finite number' });
  });

  it("a host asks the hosts collection", async () => {
    up = await fakeUpstream({ "POST /v1/objects/hosts": { json: fixture("icinga2/hosts-problems.json") } });
    expect(await pollTile("icinga-service", { host: "mail-1" }, conn(), { now })).toMatchObject({
      status: "fail",
      summary: "DOWN: PING CRITICAL - 100% packet loss",
    });
    expect(JSON.parse(up.requests[0]!.body).filter).toBe('host.name == "mail-1"');
  });

  it("an object that does not exist is unknown, not ok", async () => {
    up = await fakeUpstream({ "POST /v1/objects/services": { json: fixture("icinga2/empty.json") } });
    expect(await pollTile("icinga-service", { host: "web-1", service: "gone" }, conn(), { now })).toMatchObject({
      status: "unknown",
      error: "Icinga has no service web-1!gone",
    });
  });

  it.each([
    [
      "401",
      { status: 401, json: { error: 401, status: "Unauthorized. Please check your user credentials." } },
      /HTTP 401/,
    ],
    ["429", { status: 429, json: {} }, /rate limited/],
    ["malformed", { body: "{" }, /malformed JSON/],
  ])("an answer with %s fails the poll", async (_, answer, message) => {
    up = await fakeUpstream({ "POST /v1/objects/services": answer });
    await expect(pollTile("icinga-service", { host: "web-1", service: "disk" }, conn(), { now })).rejects.toThrow(
      message,
    );
  });
});

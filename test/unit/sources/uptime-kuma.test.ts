import { describe, expect, it } from "vitest";
import { BEAT, params, toTileFields } from "../../../collector/sources/uptime-kuma.ts";
import { fixture } from "../../helpers/fake-upstream.ts";

const now = new Date("2026-12-01T09:00:00Z");

describe("uptime-kuma", () => {
  it("maps each documented heartbeat status explicitly", () => {
    expect(Object.fromEntries(Object.entries(BEAT).map(([k, v]) => [k, v.status]))).toEqual({
      0: "fail",
      1: "ok",
      2: "warn",
      3: "maintenance",
    });
  });

  it("a page without public monitors is unknown", () => {
    const f = toTileFields(
      { page: { publicGroupList: [] }, heartbeats: { heartbeatList: {}, uptimeList: {} }, link: "https://s/status/x" },
      params.parse({ slug: "x" }),
      now,
    );
    expect(f).toMatchObject({ status: "unknown", summary: "the status page lists no monitors" });
  });

  it("maintenance alone neither colours the tile nor counts as up", () => {
    const page = { publicGroupList: [{ monitorList: [{ id: 4, name: "DNS" }] }] };
    const f = toTileFields(
      { page, heartbeats: fixture("uptime-kuma/heartbeat.json"), link: "https://s" },
      params.parse({ slug: "x" }),
      now,
    );
    expect(f).toMatchObject({ status: "ok", summary: "0 of 1 up · 1 in maintenance" });
  });
});

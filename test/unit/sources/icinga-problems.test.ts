import { describe, expect, it } from "vitest";
import { params, toTileFields } from "../../../collector/sources/icinga-problems.ts";
import { fixture } from "../../helpers/fake-upstream.ts";

const now = new Date("2026-12-01T09:00:00Z");
const P = (p: Record<string, unknown> = {}) => params.parse(p);
const answer = () => ({
  services: fixture("icinga2/services-problems.json"),
  hosts: fixture("icinga2/hosts-problems.json"),
  comments: fixture("icinga2/comments-ack.json"),
  web: { url: "https://mon/icingaweb2", module: "monitoring" as const },
});

describe("icinga-problems toTileFields()", () => {
  it("colours only unhandled hard problems; handled and soft ones are listed and counted apart", () => {
    const f = toTileFields(answer(), P(), now);
    expect(f.status).toBe("fail");
    expect(f.since).toBe("2026-12-01T08:00:00.500Z");
    expect(f.items!.map((i) => [i.title, i.status, i.detail])).toEqual([
      ["web-1!disk", "fail", "CRITICAL · DISK CRITICAL - / 97% used · since 59 min ago"],
      ["mail-1", "fail", "DOWN · PING CRITICAL - 100% packet loss · since 54 min ago"],
      ["db-1!never", "unknown", "PENDING"],
      [
        "db-1!backup",
        "fail",
        "CRITICAL · BACKUP CRITICAL - last backup 49 h ago · acknowledged by alice · since 1 h 59 min ago",
      ],
      ["db-1!ntp", "warn", "WARNING · NTP WARNING - offset 0.8 s · in downtime · since 2 h 59 min ago"],
      ["web-1!load", "warn", "WARNING (soft) · LOAD WARNING - load1 4.2 · since 49 min ago"],
    ]);
    expect(f.items![0]!.url).toBe("https://mon/icingaweb2/monitoring/service/show?host=web-1&service=disk");
    expect(f.items![1]!.url).toBe("https://mon/icingaweb2/monitoring/host/show?host=mail-1");
  });

  it("hardOnly: false lets soft states colour the tile", () => {
    const a = answer();
    a.services = { results: [a.services.results[1]] };
    a.hosts = { results: [] };
    expect(toTileFields(a, P(), now)).toMatchObject({ status: "ok", summary: "no problems · 1 soft" });
    expect(toTileFields(a, P({ hardOnly: false }), now)).toMatchObject({
      status: "warn",
      summary: "web-1!load WARNING: LOAD WARNING - load1 4.2",
    });
  });

  it("a service never checked is unknown even with hardOnly, never hidden as soft", () => {
    const a = answer();
    a.services = { results: [a.services.results[4]] };
    a.hosts = { results: [] };
    expect(toTileFields(a, P(), now)).toMatchObject({ status: "unknown", summary: "db-1!never PENDING", value: 1 });
  });

  it("an unknown host state is named, and a failing problem still fails the tile", () => {
    const a = answer();
    a.hosts.results[0].attrs.state = 4;
    const f = toTileFields(a, P(), now);
    expect(f.status).toBe("fail");
    expect(f.error).toBe("unknown Icinga state host state 4 (mail-1)");
  });
});

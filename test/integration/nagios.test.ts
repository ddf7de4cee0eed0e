/**
 * nagios-problems against a real Nagios Core 4 from Debian: its statusjson.cgi run
 * by a loopback CGI wrapper behind basic auth. Checks run every second and return
 * what the test wrote into their state files, so a flip is the test's own doing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TileFields } from "../../collector/contract.ts";
import { pollTile } from "../helpers/poll.ts";
import { eventually } from "../helpers/prom-stack.ts";
import { NAGIOS_PASSWORD, NAGIOS_USER, startNagios, type NagiosServer } from "../helpers/nagios.ts";

let s: NagiosServer;
const conn = (extra: Record<string, unknown> = {}) => ({
  type: "nagios",
  url: s.url,
  user: NAGIOS_USER,
  password: NAGIOS_PASSWORD,
  ...extra,
});
const poll = (params: Record<string, unknown> = {}) => pollTile("nagios-problems", params, conn());
/** Bounded: checks run each second and the status file is rewritten each second. */
const until = (what: string, params: Record<string, unknown>, pred: (f: TileFields) => boolean) =>
  eventually(
    what,
    async () => {
      const f = await poll(params);
      return pred(f) ? f : false;
    },
    15_000,
    300,
  );

beforeAll(async () => {
  s = await startNagios([
    { host: "db-1", service: "backup", state: 2, text: "BACKUP CRITICAL - last backup 49 h ago" },
    { host: "db-1", service: "disk", state: 1, text: "DISK WARNING - / 85% used" },
    { host: "web-1", service: "http", state: 2, text: "HTTP CRITICAL - 503 Service Unavailable" },
    { host: "web-1", service: "flaky", state: 1, text: "FLAKY WARNING", maxAttempts: 50 },
  ]);
}, 60_000);
afterAll(async () => s?.stop());

describe("nagios-problems on a real Nagios Core 4", () => {
  it("shows each problem with its status and output once checked; the soft one apart", async () => {
    const f = await until("all checked", {}, (x) => x.value === 3 && !x.items!.some((i) => i.detail === "PENDING"));
    expect(f.status).toBe("fail");
    expect(f.summary).toBe("3 problems (2 CRITICAL, 1 WARNING): db-1!backup, web-1!http, db-1!disk · 1 soft");
    const byName = Object.fromEntries(f.items!.map((i) => [i.title, i]));
    expect(byName["db-1!backup"]!.detail).toMatch(
      /^CRITICAL · BACKUP CRITICAL - last backup 49 h ago · since \d+ s ago$/,
    );
    expect(byName["db-1!backup"]!.url).toBe(`${s.url}/extinfo.cgi?type=2&host=db-1&service=backup`);
    expect(byName["db-1!disk"]).toMatchObject({ status: "warn" });
    expect(byName["web-1!flaky"]!.detail).toMatch(/^WARNING \(soft\) · FLAKY WARNING/);
  });

  it("a check rewritten to OK turns the tile green on the next poll after Nagios ran it", async () => {
    const p = { hostgroup: undefined, hosts: false };
    s.setCheck("web-1", "http", 0, "HTTP OK - 200 in 0.01 s");
    s.setCheck("db-1", "disk", 0, "DISK OK");
    s.setCheck("web-1", "flaky", 0, "FLAKY OK");
    const f = await until("backup only", p, (x) => x.value === 1);
    expect(f).toMatchObject({
      status: "fail",
      summary: "db-1!backup CRITICAL: BACKUP CRITICAL - last backup 49 h ago",
    });
    s.setCheck("db-1", "backup", 0, "BACKUP OK - 2 h ago");
    expect(await until("green", p, (x) => x.status !== "fail")).toMatchObject({
      status: "ok",
      summary: "no problems",
      value: 0,
    });
    s.setCheck("db-1", "backup", 2, "BACKUP CRITICAL - last backup 50 h ago");
    await until("red again", p, (x) => x.status === "fail");
  });

  it("an acknowledged problem (external command) stops colouring the tile", async () => {
    s.command("ACKNOWLEDGE_SVC_PROBLEM;db-1;backup;2;0;0;alice;restoring from tape");
    const f = await until("acknowledged", { hosts: false }, (x) => x.status === "ok");
    expect(f).toMatchObject({ summary: "no problems · 1 handled", value: 0 });
    expect(f.items![0]!.detail).toMatch(/^CRITICAL · BACKUP CRITICAL - last backup 50 h ago · acknowledged · since/);
  });

  it("a wrong password is a 401 and a bad option is statusjson's own error", async () => {
    await expect(pollTile("nagios-problems", {}, conn({ password: "wrong-password" }))).rejects.toMatchObject({
      code: "auth",
      status: 401,
    });
    await expect(poll({ hostgroup: "no-such-group" })).rejects.toThrow(/^Nagios statusjson: /);
  });
});

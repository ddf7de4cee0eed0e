/**
 * icinga-problems and icinga-service against a real Icinga 2 from Debian, over
 * its TLS API verified with the test's own CA. Checks are passive: the test
 * sets every result with `process-check-result`, so nothing waits on Icinga's scheduler.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pollTile } from "../helpers/poll.ts";
import { ICINGA_PASSWORD, ICINGA_USER, startIcinga, type IcingaServer } from "../helpers/icinga.ts";

let s: IcingaServer;
const conn = (extra: Record<string, unknown> = {}) => ({
  type: "icinga2",
  url: s.url,
  user: ICINGA_USER,
  password: ICINGA_PASSWORD,
  ca: s.caFile,
  webUrl: "https://icinga.test/icingaweb2",
  ...extra,
});
const result = (
  type: "Host" | "Service",
  name: string,
  exit_status: number,
  plugin_output: string,
  performance_data?: string[],
) =>
  s.action("process-check-result", {
    type,
    filter: type === "Host" ? `host.name == "${name}"` : `service.__name == "${name}"`,
    exit_status,
    plugin_output,
    performance_data,
  });

beforeAll(async () => {
  s = await startIcinga({
    objects: `
template Host "passive-host" { check_command = "dummy"; enable_active_checks = false; max_check_attempts = 1 }
template Service "passive" { check_command = "dummy"; enable_active_checks = false; max_check_attempts = 1 }
object Host "web-1" { import "passive-host"; vars.team = "web" }
object Host "db-1" { import "passive-host"; vars.team = "db" }
object Service "disk" { import "passive"; host_name = "web-1" }
object Service "load" { import "passive"; host_name = "web-1"; max_check_attempts = 3 }
object Service "backup" { import "passive"; host_name = "db-1" }
object Service "never" { import "passive"; host_name = "db-1" }
`,
  });
  await result("Host", "web-1", 0, "PING OK");
  await result("Host", "db-1", 1, "PING CRITICAL - 100% packet loss");
  await result("Service", "web-1!disk", 2, "DISK CRITICAL - / 97% used", ["'/'=97%;90;95;0;100"]);
  await result("Service", "web-1!load", 1, "LOAD WARNING - load1 4.2", ["load1=4.2;4;8;0"]);
  await result("Service", "db-1!backup", 2, "BACKUP CRITICAL - last backup 49 h ago");
}, 60_000);
afterAll(async () => s?.stop());

describe("icinga-problems on a real Icinga 2", () => {
  it("lists every problem with its state and output; the soft one apart, the unchecked one unknown", async () => {
    const f = await pollTile("icinga-problems", {}, conn());
    expect(f.status).toBe("fail");
    expect(f.value).toBe(4);
    expect(f.summary).toBe("4 problems (2 CRITICAL, 1 DOWN, 1 PENDING): db-1!backup, web-1!disk, db-1 · 1 soft");
    const byName = Object.fromEntries(f.items!.map((i) => [i.title, i]));
    expect(byName["web-1!disk"]).toMatchObject({
      status: "fail",
      url: "https://icinga.test/icingaweb2/icingadb/service?name=disk&host.name=web-1",
    });
    expect(byName["web-1!disk"]!.detail).toMatch(/^CRITICAL · DISK CRITICAL - \/ 97% used · since \d+ s ago$/);
    expect(byName["db-1"]!.detail).toMatch(/^DOWN · PING CRITICAL - 100% packet loss( · since .+)?$/);
    expect(byName["web-1!load"]!.detail).toMatch(/^WARNING \(soft\) · LOAD WARNING - load1 4.2/);
    expect(byName["db-1!never"]).toMatchObject({ status: "unknown", detail: "PENDING" });
  });

  it("a filter narrows the list; a check flipped to OK turns the tile green on the next poll", async () => {
    const p = { filter: 'host.vars.team == "web"' };
    expect(await pollTile("icinga-problems", p, conn())).toMatchObject({
      status: "fail",
      summary: "web-1!disk CRITICAL: DISK CRITICAL - / 97% used · 1 soft",
    });
    await result("Service", "web-1!disk", 0, "DISK OK - / 41% used", ["'/'=41%;90;95;0;100"]);
    expect(await pollTile("icinga-problems", p, conn())).toMatchObject({
      status: "ok",
      summary: "no problems · 1 soft",
      value: 0,
    });
    expect(await pollTile("icinga-problems", { ...p, hardOnly: false }, conn())).toMatchObject({
      status: "warn",
      value: 1,
    });
  });

  it("an acknowledged problem stops colouring the tile and names who acknowledged it", async () => {
    const p = { filter: 'host.name == "db-1" && service.name == "backup"', hosts: false };
    expect((await pollTile("icinga-problems", p, conn())).status).toBe("fail");
    await s.action("acknowledge-problem", {
      type: "Service",
      filter: 'service.__name == "db-1!backup"',
      author: "alice",
      comment: "restoring",
    });
    const f = await pollTile("icinga-problems", p, conn());
    expect(f).toMatchObject({ status: "ok", summary: "no problems · 1 handled", value: 0 });
    expect(f.items![0]!.detail).toMatch(
      /^CRITICAL · BACKUP CRITICAL - last backup 49 h ago · acknowledged by alice · since/,
    );
  });

  it("a filter naming an attribute Icinga does not have is an error, not an empty list", async () => {
    await expect(pollTile("icinga-problems", { filter: 'host.nmae == "x"' }, conn())).rejects.toThrow(
      /HTTP 404\): No objects found\. — check the filter/,
    );
  });
});

describe("icinga-service on a real Icinga 2", () => {
  it("shows the state, output and the chosen perfdata value", async () => {
    await result("Service", "web-1!load", 1, "LOAD WARNING - load1 4.2", ["load1=4.2;4;8;0", "load5=3.1;4;8;0"]);
    const f = await pollTile(
      "icinga-service",
      { host: "web-1", service: "load", perfdata: "load5", hardOnly: false },
      conn(),
    );
    expect(f).toMatchObject({ status: "warn", value: 3.1 });
    expect(f.summary).toMatch(/^WARNING( \(soft [12]\/3\))?: LOAD WARNING - load1 4.2$/);
    expect(f.series!.map((p) => p.v)).toEqual([3.1]);
    const disk = await pollTile("icinga-service", { host: "web-1", service: "disk" }, conn());
    expect(disk).toMatchObject({ status: "ok", value: 41, unit: "%", summary: "OK: DISK OK - / 41% used" });
  });

  it("shows a host's state", async () => {
    expect(await pollTile("icinga-service", { host: "db-1" }, conn())).toMatchObject({
      status: "fail",
      summary: "DOWN: PING CRITICAL - 100% packet loss",
    });
  });
});

describe("TLS to the Icinga API", () => {
  it("is verified with the configured CA; a wrong CA fails with a readable error", async () => {
    await expect(pollTile("icinga-problems", {}, conn({ ca: s.wrongCaFile }))).rejects.toThrow(
      /^the TLS certificate of 127\.0\.0\.1:\d+ (cannot be checked|comes from a CA that is not trusted|was rejected)/,
    );
  });

  it("without a CA the test's self-signed CA is not trusted", async () => {
    await expect(pollTile("icinga-problems", {}, conn({ ca: undefined }))).rejects.toThrow(
      /^the TLS certificate of 127\.0\.0\.1:\d+ |self-signed TLS certificate/,
    );
  });

  it("an unreadable CA file fails the tile, naming the field", async () => {
    await expect(pollTile("icinga-problems", {}, conn({ ca: `${s.dir}/missing.crt` }))).rejects.toThrow(
      "the connection's TLS file `ca` cannot be read (ENOENT)",
    );
  });

  it("a wrong password is a 401", async () => {
    await expect(pollTile("icinga-problems", {}, conn({ password: "wrong-password" }))).rejects.toMatchObject({
      code: "auth",
      status: 401,
    });
  });
});

/**
 * Every Prometheus query of config/examples/sysadmin.json against a real Prometheus,
 * node_exporter (with the textfile metrics an apt hook and a backup job write) and
 * blackbox_exporter probing an https server whose certificate the test's own CA signed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TileFields } from "../../collector/contract.ts";
import { pollTile } from "../helpers/poll.ts";
import { eventually, startPromStack, type PromStack } from "../helpers/prom-stack.ts";
import { makeTestCa } from "../helpers/test-ca.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const example = JSON.parse(readFileSync(`${ROOT}config/examples/sysadmin.json`, "utf8"));
const tiles: Record<string, Record<string, unknown>> = Object.fromEntries(
  example.boards
    .flatMap((b: { tiles: Record<string, unknown>[] }) => b.tiles)
    .map((t: Record<string, unknown>) => [t.id, t]),
);
const COMMON = new Set(["id", "title", "kind", "connection", "every", "staleAfter", "timeout"]);
const BACKUP_AGE_H = 30;

let s: PromStack;
let https: Server;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "radiator-sysadmin-"));
  const ca = makeTestCa(dir);
  https = createServer({ cert: readFileSync(ca.certFile), key: readFileSync(ca.keyFile) }, (_q, r) => r.end("ok"));
  await new Promise<void>((r) => https.listen(0, "127.0.0.1", r));
  const now = Math.floor(Date.now() / 1000);
  s = await startPromStack({
    tlsProbe: { url: `https://127.0.0.1:${(https.address() as { port: number }).port}/`, caFile: ca.caFile },
    textfiles: {
      // As node_exporter's apt_info hook writes them (text-collector-examples/apt_info.py).
      "apt.prom": [
        "# HELP apt_upgrades_pending Apt packages pending updates by origin.",
        "# TYPE apt_upgrades_pending gauge",
        'apt_upgrades_pending{arch="amd64",origin="Debian:bookworm-security/stable-security"} 3',
        'apt_upgrades_pending{arch="amd64",origin="Debian:bookworm/stable"} 5',
        "# HELP node_reboot_required Node reboot is required for software updates.",
        "# TYPE node_reboot_required gauge",
        "node_reboot_required 1",
        "",
      ].join("\n"),
      "backup.prom": `# TYPE backup_last_success_timestamp_seconds gauge\nbackup_last_success_timestamp_seconds ${now - BACKUP_AGE_H * 3600}\n`,
    },
  });
}, 60_000);
afterAll(async () => {
  await s?.stop();
  await new Promise((r) => (https ? https.close(r) : r(undefined)));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Poll the example's tile, as configured, until Prometheus has scraped what it needs (bounded). */
function poll(id: string): Promise<TileFields> {
  const t = tiles[id]!;
  const params = Object.fromEntries(Object.entries(t).filter(([k]) => !COMMON.has(k)));
  return eventually(
    `${id} has data`,
    async () => {
      const f = await pollTile("prometheus", params, { type: "prometheus", url: s.prometheus });
      return f.status !== "unknown" ? f : false;
    },
    25_000,
    500,
  );
}

describe("config/examples/sysadmin.json on a real Prometheus stack", () => {
  it("exercises every Prometheus query it has", () => {
    expect(
      Object.values(tiles)
        .filter((t) => t.kind === "prometheus")
        .map((t) => t.id),
    ).toEqual(["security-updates", "reboot-required", "disk-filling", "cert-expiry", "backup-age"]);
  });

  it("counts only security updates as pending security updates", async () => {
    expect(await poll("security-updates")).toMatchObject({ status: "warn", value: 3 });
  });

  it("says a reboot is required", async () => {
    expect(await poll("reboot-required")).toMatchObject({ status: "warn", value: 1 });
  });

  it("predicts disks filling within 4 days as a count (0 when none), never empty while node_exporter answers", async () => {
    const f = await poll("disk-filling");
    expect(Number.isInteger(f.value)).toBe(true);
    expect(f.value).toBeGreaterThanOrEqual(0);
    expect(f.status).toBe(f.value! >= 1 ? "fail" : "ok");
  });

  it("reads the soonest certificate expiry in days from blackbox_exporter", async () => {
    const f = await poll("cert-expiry");
    expect(f).toMatchObject({ status: "ok", unit: "d" });
    expect([29, 30]).toContain(f.value);
  });

  it("shows the age of the last good backup in hours", async () => {
    const f = await poll("backup-age");
    expect(f).toMatchObject({ status: "warn", unit: "h" });
    expect(f.value).toBeGreaterThanOrEqual(BACKUP_AGE_H);
    expect(f.value).toBeLessThan(BACKUP_AGE_H + 0.2);
  });
});

/**
 * deploy/radiator.service: `systemd-analyze verify` has nothing to say about it, and it keeps the promises
 * the README makes (dedicated user, read-only system, state directory, restart on failure, config paths).
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { shebangRuntime } from "../helpers/shebang.ts";

const UNIT = fileURLToPath(new URL("../../deploy/radiator.service", import.meta.url));
const text = readFileSync(UNIT, "utf8");

describe("the systemd unit", () => {
  it("is clean for systemd-analyze verify", () => {
    // verify checks that ExecStart's program exists: on a machine whose node is elsewhere, point it there.
    const dir = mkdtempSync(join(tmpdir(), "radiator-unit-"));
    try {
      const unit = join(dir, "radiator.service");
      writeFileSync(
        unit,
        existsSync("/usr/bin/node") ? text : text.replace("ExecStart=/usr/bin/node", `ExecStart=${process.execPath}`),
      );
      const r = spawnSync("systemd-analyze", ["verify", unit], { encoding: "utf8" });
      expect(r.error).toBeUndefined(); // scripts/ensure-system-deps.sh installs it
      expect(`${r.stdout}${r.stderr}`).toBe("");
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("runs as its own user on a read-only system with a state directory, config and env file", () => {
    const directives = new Map(
      text
        .split("\n")
        .filter((l) => /^\w+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    );
    expect(directives.get("User")).toBe("radiator");
    expect(directives.get("ProtectSystem")).toBe("strict");
    expect(directives.get("StateDirectory")).toBe("radiator");
    expect(directives.get("Restart")).toBe("on-failure");
    expect(directives.get("EnvironmentFile")).toBe("-/etc/radiator/env");
    expect(directives.get("ExecStart")).toMatch(
      / serve --config \/etc\/radiator\/radiator\.json --data \/var\/lib\/radiator$/,
    );
  });

  it("starts node with the flags and glibc settings bin/radiator.js's shebang gives `npm start`", () => {
    const { env, flags } = shebangRuntime();
    expect(text).toContain(`ExecStart=/usr/bin/node ${flags.join(" ")} /opt/`);
    const settings = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    expect(text).toContain(`Environment=${settings.join(" ")}\n`);
  });
});

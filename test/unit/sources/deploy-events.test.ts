import { describe, expect, it } from "vitest";
import { acceptEvent, deployStatus, normalise, params } from "../../../collector/sources/deploy-events.ts";
import type { TileEvent } from "../../../collector/contract.ts";

const p = params.parse({ token: "t".repeat(16), environments: ["staging", "production"], behindAfter: "1h" });
const T = Date.parse("2026-11-30T12:00:00Z");
const now = new Date(T + 3 * 3_600_000);

function ev(environment: string, version: string, status: TileEvent["status"], t: number): TileEvent {
  return { tile: "d", t, type: "deploy", environment, version, status, note: status === "succeeded" ? "ok" : "x" };
}

describe("deploy-events", () => {
  it("maps the documented synonyms", () => {
    expect(["success", "OK", "Deployed"].map(deployStatus)).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(["failure", "error"].map(deployStatus)).toEqual(["failed", "failed"]);
    expect(["running", "in-progress", "In Progress"].map(deployStatus)).toEqual([
      "in_progress",
      "in_progress",
      "in_progress",
    ]);
    expect(["rollback", "rolled back"].map(deployStatus)).toEqual(["rolled_back", "rolled_back"]);
    expect(deployStatus("cancelled")).toBe(undefined);
    expect(deployStatus("__proto__")).toBe(undefined);
  });

  it("accepts a body naming only listed environments, plain text", () => {
    expect(acceptEvent({ environment: "staging", version: "1.2\n3", status: "ok" }, p)).toEqual({
      event: { type: "deploy", note: "ok", status: "succeeded", version: "1.2 3", environment: "staging" },
    });
    expect(acceptEvent({ environment: "staging", version: "1", status: "ok", url: "ftp://x" }, p)).toEqual({
      error: "url must be an http(s) URL",
    });
    expect(acceptEvent({ version: "1", status: "ok" }, p)).toEqual({ error: "environment is missing" });
  });

  it("is unknown until something is reported", () => {
    expect(normalise([], p, { now })).toEqual({
      status: "unknown",
      running: false,
      summary: "no deploy reported yet",
      lanes: [
        { environment: "staging", version: null, deploy: "unknown", status: "unknown" },
        { environment: "production", version: null, deploy: "unknown", status: "unknown" },
      ],
    });
  });

  it("is green when every lane's latest deploy succeeded, and running while one deploys", () => {
    const events = [ev("production", "1.4.2", "succeeded", T), ev("staging", "1.4.2", "succeeded", T - 1)];
    const f = normalise(events, p, { now });
    expect([f.status, f.running, f.summary]).toEqual(["ok", false, "production 1.4.2 succeeded 3 h ago"]);
    const g = normalise([...events, ev("staging", "1.4.3", "in_progress", T + 1000)], p, { now });
    expect([g.status, g.running, g.summary]).toEqual(["ok", true, "staging 1.4.3 deploying 2 h 59 min ago"]);
  });

  it("is red when the latest deploy to an environment failed, amber when production lags too long", () => {
    const base = [ev("production", "1.4.2", "succeeded", T), ev("staging", "1.4.2", "succeeded", T)];
    const failed = normalise([...base, ev("staging", "1.4.3", "failed", T + 1)], p, { now });
    expect([failed.status, failed.summary]).toEqual(["fail", "staging: 1.4.3 failed"]);
    const behind = normalise([...base, ev("staging", "1.4.3", "succeeded", T + 3_600_000)], p, { now });
    expect([behind.status, behind.summary]).toEqual(["warn", "production runs 1.4.2, staging 1.4.3 for 2 h"]);
    const fresh = normalise([...base, ev("staging", "1.4.3", "succeeded", now.getTime() - 60_000)], p, { now });
    expect(fresh.status).toBe("ok");
  });
});

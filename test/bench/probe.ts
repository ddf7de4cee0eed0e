/** The driver's side of loop-probe.mjs: the flags and env that load it, and reading its window figures. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sleep } from "./proc.ts";

const PROBE = fileURLToPath(new URL("./loop-probe.mjs", import.meta.url));

export interface LoopWindow {
  seq: number;
  /** delay samples (about one a ms while the loop is free) */
  count: number;
  p50: number;
  p99: number;
  max: number;
  /** samples over 20 ms: stalls */
  over20: number;
  /** the longest stall's CPU time (the process busy, not waiting for a CPU), and the stalls busy over 20 ms */
  busyMax: number;
  busyOver20: number;
  /** share of the window the event loop was busy */
  utilisation: number;
}

export interface LoopProbe {
  args: string[];
  env: Record<string, string>;
  /**
   * Ends the current window (started by the previous call, or at start) and returns its figures. With
   * `next` "off" the probe's timers stop until a call with "on" (a window measuring the collector's own CPU).
   */
  window(pid: number, next?: "on" | "off"): Promise<LoopWindow>;
}

export function loopProbe(): LoopProbe {
  const file = join(mkdtempSync(join(tmpdir(), "radiator-probe-")), "loop.json");
  let seq = 0;
  return {
    args: ["--import", PROBE],
    env: { BENCH_LOOP_PROBE: file },
    async window(pid, next = "on") {
      writeFileSync(`${file}.mode`, next);
      process.kill(pid, "SIGUSR2");
      for (let i = 0; i < 200; i++) {
        if (existsSync(file)) {
          const w = JSON.parse(readFileSync(file, "utf8")) as LoopWindow;
          if (w.seq > seq) {
            seq = w.seq;
            return w;
          }
        }
        await sleep(25);
      }
      throw new Error("the collector's loop probe did not answer");
    },
  };
}

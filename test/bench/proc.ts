/** What the bench reads about a process from /proc, and the statistics it prints. */
import { readFileSync, readdirSync } from "node:fs";

/** CPU time of every thread of `pid` in ns (schedstat: exact, unlike the 10 ms ticks of /proc/PID/stat). */
export function cpuNs(pid: number): number {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // a thread that ended meanwhile
    }
  }
  return ns;
}

export function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** The median of `n` RSS readings `everyMs` apart: one scavenge or arena growth caught mid-way does not decide. */
export async function settledRss(pid: number, n = 5, everyMs = 500): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0) await sleep(everyMs);
    xs.push(rssBytes(pid));
  }
  return median(xs);
}

export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A clock both bench processes share (wall-clock origin + monotonic offset), in ms. */
export const clockMs = () => performance.timeOrigin + performance.now();

export function loadAverage(): string {
  return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}

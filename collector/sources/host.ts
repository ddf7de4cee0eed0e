/** `host`: the health of the machine the collector runs on — CPU, memory, disk, load. */
import { cpus, freemem, loadavg, totalmem, hostname } from "node:os";
import { readFile, statfs } from "node:fs/promises";
import { z } from "zod";
import type { TileFields } from "../contract.ts";
import { appendSeries, roundValue } from "../series.ts";
import { shownThresholds, thresholdStatus } from "../thresholds.ts";
import { defineSource, type NormaliseContext } from "./define.ts";

const METRICS = ["cpu", "memory", "disk", "load"] as const;
type Metric = (typeof METRICS)[number];

/** Defaults a sysadmin would pick: percent used, and load per core for `load`. */
const DEFAULTS: Record<Metric, { warn: number; fail: number; unit: string; label: string }> = {
  cpu: { warn: 80, fail: 95, unit: "%", label: "CPU busy" },
  memory: { warn: 85, fail: 95, unit: "%", label: "memory used" },
  disk: { warn: 85, fail: 95, unit: "%", label: "disk used" },
  load: { warn: 1.5, fail: 3, unit: "per core", label: "1-min load" },
};

export const params = z.object({
  metric: z
    .enum(METRICS)
    .default("cpu")
    .describe("cpu, memory or disk (percent used), or load (1-minute load average per core)."),
  path: z.string().default("/").describe("Filesystem for `disk`."),
  warn: z.number().optional().describe("Warn at or above this value; default 80 (cpu), 85 (memory, disk), 1.5 (load)."),
  fail: z.number().optional().describe("Fail at or above this value; default 95 (cpu, memory, disk), 3 (load)."),
});
type Params = z.infer<typeof params>;

export interface HostSample {
  value: number;
  detail: string;
  /** Why `value` is no number (nothing to divide by): the tile is unknown, never a green 0. */
  problem?: string;
}

function normalise(sample: HostSample, p: Params, { now, previous }: NormaliseContext): TileFields {
  const d = DEFAULTS[p.metric];
  if (!Number.isFinite(sample.value)) {
    const error = sample.problem ?? `no ${d.label} reading`;
    const series = [...(previous?.series ?? [])];
    return { status: "unknown", summary: `no ${d.label} reading · ${sample.detail}`, unit: d.unit, error, series };
  }
  const value = roundValue(sample.value);
  const limits = { warn: p.warn ?? d.warn, fail: p.fail ?? d.fail };
  const status = thresholdStatus(value, limits);
  return {
    status,
    thresholds: shownThresholds(limits),
    summary: `${value} ${d.unit === "%" ? "%" : d.unit} ${d.label} · ${sample.detail}`,
    value,
    unit: d.unit,
    series: appendSeries(previous?.series, { t: now.getTime(), v: value }),
  };
}

type CpuTimes = { busy: number; total: number };
function cpuTimes(): CpuTimes {
  let busy = 0,
    total = 0;
  for (const c of cpus()) {
    const t = c.times;
    const all = t.user + t.nice + t.sys + t.idle + t.irq;
    total += all;
    busy += all - t.idle;
  }
  return { busy, total };
}

/** `memo` is the tile's job's own: the CPU counters of its previous poll, so busy is measured since then. */
async function sample(p: Params, memo: Map<string, unknown>): Promise<HostSample> {
  const host = hostname();
  switch (p.metric) {
    case "cpu": {
      let before = memo.get("cpu") as CpuTimes | undefined;
      if (!before) {
        before = cpuTimes();
        await new Promise((r) => setTimeout(r, 250));
      }
      const after = cpuTimes();
      memo.set("cpu", after);
      const total = after.total - before.total;
      const detail = `${cpus().length} cores on ${host}`;
      if (total <= 0) return { value: NaN, detail, problem: "no CPU time passed between two samples" };
      return { value: (100 * (after.busy - before.busy)) / total, detail };
    }
    case "memory": {
      const total = totalmem();
      const available = (await memAvailable()) ?? freemem();
      return {
        value: (100 * (total - available)) / total,
        detail: `${gib(total - available)} of ${gib(total)} on ${host}`,
      };
    }
    case "disk": {
      const s = await statfs(p.path);
      const total = s.blocks * s.bsize;
      const free = s.bavail * s.bsize;
      if (total <= 0) return { value: NaN, detail: p.path, problem: `the filesystem at ${p.path} reports no size` };
      return { value: (100 * (total - free)) / total, detail: `${gib(free)} free on ${p.path}` };
    }
    case "load": {
      const [one, five] = loadavg();
      const n = cpus().length || 1;
      return { value: one / n, detail: `load ${one.toFixed(2)} / ${five.toFixed(2)} on ${n} cores` };
    }
  }
}

/** Linux's MemAvailable counts reclaimable cache as free, as `free -h` does; os.freemem() does not. */
async function memAvailable(): Promise<number | undefined> {
  try {
    const m = /MemAvailable:\s+(\d+) kB/.exec(await readFile("/proc/meminfo", "utf8"));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

export default defineSource({
  kind: "host",
  family: "metric",
  description: "The health of the machine the collector runs on: CPU, memory, disk or load, with thresholds.",
  notes: `The health of the machine the collector runs on — handy when the radiator runs
on the server it watches, or to keep an eye on the radiator's own box. No connection.

Memory counts reclaimable cache as free (as \`free -h\` does). Polled every 10 s
by default; the sparkline is kept by the collector.

\`\`\`json
{ "id": "radiator-disk", "title": "Radiator disk", "kind": "host", "metric": "disk", "path": "/var", "warn": 80, "fail": 90 }
\`\`\``,
  params,
  every: "10s",
  async load(ctx, p) {
    return sample(p, ctx.memo ?? new Map());
  },
  normalise,
});

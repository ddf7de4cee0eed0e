/** The team stats as /metrics gauges, computed when Prometheus scrapes, over 7 and 30 days. */
import { Gauge, type Registry } from "prom-client";
import type { Runtime } from "../runtime.ts";
import { statsReport } from "./report.ts";

const WINDOWS = [7, 30];

export function registerStatsMetrics(registry: Registry, rt: () => Runtime, now: () => number): void {
  const gauges = {
    green: ["radiator_stats_green_share", "Share of time green (0..1) per board and tile, over the last `days`."],
    spells: ["radiator_stats_red_spells", "Red spells per board and tile, over the last `days`."],
    mttr: ["radiator_stats_mttr_seconds", "Mean time from red to green per board and tile, over the last `days`."],
    sinceRed: [
      "radiator_stats_since_red_seconds",
      "Time since a red spell last ended, in whole days as seconds (0 while red), per board and tile.",
    ],
  } as const;
  const made = Object.fromEntries(
    Object.entries(gauges).map(([key, [name, help]]) => {
      // a collector started again in the same process (tests) replaces the old one's gauges
      registry.removeSingleMetric(name);
      // one computation per scrape: the first gauge collects for all of them
      const collect = key === "green" ? () => fill() : undefined;
      return [key, new Gauge({ name, help, labelNames: ["board", "tile", "days"], registers: [registry], collect })];
    }),
  ) as Record<keyof typeof gauges, Gauge>;
  const fill = () => {
    for (const g of Object.values(made)) g.reset();
    const { store, plan } = rt();
    for (const days of WINDOWS) {
      for (const b of plan.boards) {
        const r = statsReport(store.historyBackend, plan, { board: b.id, days, now: now() });
        const rows = [
          { labels: { board: b.id, tile: "", days: String(days) }, s: r.summary },
          ...r.tiles.map((t) => ({ labels: { board: b.id, tile: t.id, days: String(days) }, s: t })),
        ];
        for (const { labels, s } of rows) {
          if (s.greenShare !== null) made.green.set(labels, s.greenShare);
          made.spells.set(labels, s.redSpells);
          if (s.mttrMs !== null) made.mttr.set(labels, s.mttrMs / 1000);
          if (s.daysSinceRed !== null) made.sinceRed.set(labels, s.daysSinceRed * 86_400);
        }
      }
    }
  };
}

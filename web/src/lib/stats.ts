/** Words for the detail view's stats section (pure). */
import { formatAge } from "../../../collector/durations.ts";

export interface Figures {
  greenShare: number | null;
  redSpells: number;
  mttrMs: number | null;
  longestRedMs: number | null;
  timeToClaimMs: number | null;
  daysSinceRed: number | null;
}

export function percent(share: number | null): string {
  return share === null ? "—" : `${Math.floor(share * 1000) / 10} %`;
}

export function duration(ms: number | null): string {
  return ms === null ? "—" : formatAge(ms);
}

export function daysSince(days: number | null): string {
  if (days === null) return "never red in the history";
  return days === 0 ? "red now" : `${days} day${days === 1 ? "" : "s"}`;
}

/** Rows of the figures table: label, 7 days, 30 days. */
export function statsRows(week: Figures, month: Figures): [string, string, string][] {
  return [
    ["Time green", percent(week.greenShare), percent(month.greenShare)],
    ["Red spells", String(week.redSpells), String(month.redSpells)],
    ["Mean time to green", duration(week.mttrMs), duration(month.mttrMs)],
    ["Longest red", duration(week.longestRedMs), duration(month.longestRedMs)],
    ["Time to claim", duration(week.timeToClaimMs), duration(month.timeToClaimMs)],
  ];
}

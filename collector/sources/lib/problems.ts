/**
 * One tile from a monitoring system's open problems (Icinga 2, Nagios, Checkmk,
 * Zabbix): the same rules for all, so a wall of them reads alike. Each kind maps
 * its own state values to a `Problem`; this turns the list into tile fields.
 *
 * - Only unhandled problems colour the tile; handled ones (acknowledged, in a
 *   downtime, suppressed) are listed and counted apart, like silenced alerts.
 * - A soft state (the check has failed but not yet as often as it must to count)
 *   is shown as such and colours the tile only when `hardOnly` is off.
 * - A state value the kind does not know makes the tile `unknown` with the value
 *   named, unless something already fails it.
 */
import { STATUS_RANK, type Status, type TileFields, type TileItem } from "../../contract.ts";
import { ago } from "../../durations.ts";
import { safeLink } from "../../links.ts";

export interface Problem {
  /** `host!service` or `host`. */
  name: string;
  status: Exclude<Status, "ok">;
  /** The upstream's own word for the state: CRITICAL, DOWN, PENDING, High… */
  state: string;
  output?: string;
  /** ISO time the state began. */
  since?: string;
  /** Why it does not colour the tile. */
  handled?: "acknowledged" | "in downtime" | "suppressed";
  /** Who acknowledged it, when the upstream says. */
  by?: string;
  soft?: boolean;
  url?: string;
}

export interface ProblemsOptions {
  hardOnly: boolean;
  limit: number;
  now: Date;
  /** Upstream state values this kind does not know, already named, e.g. `service state 7`. */
  strange?: readonly string[];
  /** The service's name for error texts: "Icinga", "Nagios". */
  service: string;
  url?: string;
}

/** Does this problem colour the tile? */
function colours(p: Problem, hardOnly: boolean): boolean {
  return !p.handled && !(p.soft && hardOnly);
}

function detail(p: Problem, now: Date): string {
  const handled = p.handled ? `${p.handled}${p.by ? ` by ${p.by}` : ""}` : undefined;
  return [p.soft ? `${p.state} (soft)` : p.state, p.output, handled, p.since ? `since ${ago(p.since, now)}` : undefined]
    .filter(Boolean)
    .join(" · ");
}

export function problemsTile(problems: readonly Problem[], o: ProblemsOptions): TileFields {
  const active = problems.filter((p) => colours(p, o.hardOnly));
  const handled = problems.filter((p) => p.handled).length;
  const soft = problems.filter((p) => !p.handled && p.soft && o.hardOnly).length;
  const rank = (p: Problem) => (colours(p, o.hardOnly) ? STATUS_RANK[p.status] : 10 + STATUS_RANK[p.status]);
  const sorted = [...problems].sort(
    (a, b) =>
      rank(a) - rank(b) || Date.parse(a.since ?? "") - Date.parse(b.since ?? "") || a.name.localeCompare(b.name),
  );
  const items: TileItem[] = sorted.slice(0, o.limit).map((p) => ({
    title: p.name,
    // A handled or soft problem keeps its colour in the list but is marked, and leaves the tile alone.
    status: p.status,
    url: safeLink(p.url),
    detail: detail(p, o.now),
    at: p.since,
  }));

  const byState = new Map<string, number>();
  for (const p of [...active].sort((a, b) => rank(a) - rank(b))) byState.set(p.state, (byState.get(p.state) ?? 0) + 1);
  let summary: string;
  if (active.length === 0) summary = "no problems";
  else if (active.length === 1)
    summary = `${active[0]!.name} ${active[0]!.state}${active[0]!.output ? `: ${active[0]!.output}` : ""}`;
  else {
    const worst = [...active].sort((a, b) => rank(a) - rank(b));
    summary = `${active.length} problems (${[...byState].map(([s, n]) => `${n} ${s}`).join(", ")}): ${worst
      .slice(0, 3)
      .map((p) => p.name)
      .join(", ")}`;
  }
  const apart = [handled ? `${handled} handled` : "", soft ? `${soft} soft` : ""].filter(Boolean).join(", ");
  if (apart) summary += ` · ${apart}`;

  const worst: Status = active.reduce<Status>((w, p) => (STATUS_RANK[p.status] < STATUS_RANK[w] ? p.status : w), "ok");
  const strange = o.strange ?? [];
  const status: Status = strange.length && worst !== "fail" ? "unknown" : worst;
  const deciding = active
    .filter((p) => p.status === worst && p.since)
    .map((p) => p.since!)
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  return {
    status,
    summary,
    items,
    value: active.length,
    url: safeLink(o.url),
    since: active.length ? deciding[0] : undefined,
    error: strange.length ? `unknown ${o.service} state ${[...new Set(strange)].join(", ")}` : undefined,
  };
}

/** Seconds (Icinga, Zabbix) or milliseconds (Nagios) since the epoch → ISO, or undefined for 0/absent. */
export function isoFrom(epoch: unknown, unit: "s" | "ms"): string | undefined {
  if (typeof epoch !== "number" || !Number.isFinite(epoch) || epoch <= 0) return undefined;
  return new Date(unit === "s" ? epoch * 1000 : epoch).toISOString();
}

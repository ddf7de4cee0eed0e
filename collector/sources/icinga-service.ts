/**
 * `icinga-service`: one Icinga 2 host or service — its state, output, and one
 * performance data value as the tile's number and sparkline.
 * @see https://icinga.com/docs/icinga-2/latest/doc/12-icinga2-api/#querying-objects
 * @see https://icinga.com/docs/icinga-2/latest/doc/05-service-monitoring/#performance-data-metrics
 */
import { z } from "zod";
import type { Status, TileFields } from "../contract.ts";
import { appendSeries, roundValue } from "../series.ts";
import { defineSource } from "./define.ts";
import {
  HOST_STATE,
  icingaWeb,
  objectLink,
  OBJECT_ATTRS,
  parseObjects,
  queryObjects,
  SERVICE_STATE,
  type IcingaWeb,
} from "./lib/icinga-api.ts";
import { isoFrom } from "./lib/problems.ts";

export const params = z.object({
  host: z.string().min(1).describe("The host's name, e.g. `web-1`."),
  service: z
    .string()
    .min(1)
    .optional()
    .describe("The service's name on that host, e.g. `disk`; left out = the host itself."),
  perfdata: z
    .string()
    .min(1)
    .optional()
    .describe("The performance data label to show as the value, e.g. `/` or `load1`; default the first one."),
  hardOnly: z.boolean().default(true).describe("A soft state keeps the last hard state's colour and is shown as soft."),
});
type Params = z.infer<typeof params>;

export interface Perfdata {
  label: string;
  value: number;
  unit: string;
}

/** One `'label'=value[UOM];warn;crit;min;max` item; a non-numeric value (`U`) parses as NaN. */
export function parsePerfdata(item: unknown): Perfdata | undefined {
  if (item && typeof item === "object") {
    const o = item as { label?: unknown; value?: unknown; unit?: unknown };
    return typeof o.label === "string"
      ? { label: o.label, value: Number(o.value ?? NaN), unit: String(o.unit ?? "") }
      : undefined;
  }
  const m = /^\s*(?:'((?:[^']|'')*)'|([^=\s]+))=([^;\s]*)/.exec(String(item));
  if (!m) return undefined;
  const label = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!;
  const v = /^([-+]?[\d.]+(?:[eE][-+]?\d+)?)(.*)$/.exec(m[3]!);
  return { label, value: v ? Number(v[1]) : NaN, unit: v ? v[2]! : "" };
}

export function toTileFields(
  body: unknown,
  p: Params,
  now: Date,
  previous?: { series?: TileFields["series"] },
  web?: IcingaWeb,
): TileFields {
  const name = p.service ? `${p.host}!${p.service}` : p.host;
  const [o] = parseObjects(body, `Icinga ${p.service ? "service" : "host"}`);
  if (!o)
    return {
      status: "unknown",
      summary: `${name} not found`,
      error: `Icinga has no ${p.service ? "service" : "host"} ${name}`,
    };
  const a = o.attrs;
  const table = p.service ? SERVICE_STATE : HOST_STATE;
  const url = objectLink(web, p.host, p.service);
  const known = table[a.state];
  const since = isoFrom(a.last_state_change, "s");
  if (!known)
    return {
      status: "unknown",
      summary: `${name}: state ${a.state}`,
      url,
      error: `unknown Icinga ${p.service ? "service" : "host"} state ${JSON.stringify(a.state)}`,
    };
  if (!a.last_check_result) return { status: "unknown", summary: `${name}: PENDING (not checked yet)`, url, since };
  const output = a.last_check_result.output.split("\n")[0]?.trim() ?? "";
  const soft = a.state_type === 0 && a.state !== 0;
  const hard = soft && p.hardOnly && a.last_hard_state !== undefined ? table[a.last_hard_state] : undefined;
  let status: Status = hard?.status ?? known.status;
  const word = soft
    ? `${known.word} (soft${a.check_attempt ? ` ${a.check_attempt}/${a.max_check_attempts ?? "?"}` : ""})`
    : known.word;
  let summary = `${word}${output ? `: ${output}` : ""}`;
  const fields: TileFields = { status, summary, url, since: hard ? undefined : since };

  const perf = (a.last_check_result.performance_data ?? [])
    .map(parsePerfdata)
    .filter((x): x is Perfdata => x !== undefined);
  const chosen = p.perfdata ? perf.find((d) => d.label === p.perfdata) : perf[0];
  if (p.perfdata && !chosen)
    return { ...fields, status: "unknown", error: `no performance data labelled ${JSON.stringify(p.perfdata)}` };
  if (!chosen) return fields;
  if (!Number.isFinite(chosen.value)) {
    status = "unknown";
    summary += ` · ${chosen.label} has no number`;
    return {
      ...fields,
      status,
      summary,
      error: `performance data ${JSON.stringify(chosen.label)} is not a finite number`,
    };
  }
  const v = roundValue(chosen.value);
  return {
    ...fields,
    value: v,
    unit: chosen.unit || undefined,
    series: appendSeries(previous?.series, { t: now.getTime(), v }),
  };
}

export default defineSource<typeof params, { body: unknown; web?: IcingaWeb }>({
  kind: "icinga-service",
  connection: "icinga2",
  family: "metric",
  description:
    "One Icinga 2 host or service: its state and output, a performance data value as the number and sparkline.",
  params,
  notes: [
    "Service OK → ok, WARNING → warn, CRITICAL → fail, UNKNOWN → unknown; host UP → ok, DOWN → fail. An object not",
    "checked yet, a state value Icinga does not document, a missing `perfdata` label or a value that is not a finite",
    "number (`U`) make the tile `unknown`. A soft state keeps the colour of the last hard state while `hardOnly` is on.",
    "Needs `objects/query/Service` (or `objects/query/Host`).",
  ].join("\n"),
  async load(ctx, p) {
    const q = (s: string) => JSON.stringify(s);
    const body = p.service
      ? await queryObjects(
          ctx,
          "services",
          `host.name == ${q(p.host)} && service.name == ${q(p.service)}`,
          OBJECT_ATTRS,
        )
      : await queryObjects(ctx, "hosts", `host.name == ${q(p.host)}`, OBJECT_ATTRS);
    return { body, web: icingaWeb(ctx.connection) };
  },
  normalise: (a, p, { now, previous }) => toTileFields(a.body, p, now, previous, a.web),
});

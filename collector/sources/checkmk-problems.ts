/**
 * `checkmk-problems`: the services and hosts of a Checkmk site that are not OK,
 * through the REST API's status collections and a Livestatus-style query.
 * @see https://docs.checkmk.com/latest/en/rest_api.html (query expressions, columns)
 * @see https://github.com/Checkmk/checkmk/blob/master/cmk/gui/openapi/endpoints/service/__init__.py (domain-types/service/collections/all)
 */
import { z } from "zod";
import type { Status, TileFields } from "../contract.ts";
import { parseAnswer } from "./lib/answer-shape.ts";
import { defineSource } from "./define.ts";
import { isoFrom, problemsTile, type Problem } from "./lib/problems.ts";

export const params = z.object({
  hostGroup: z.string().min(1).optional().describe("Only hosts (and their services) in this host group."),
  hosts: z.boolean().default(true).describe("List host problems (DOWN, UNREACHABLE) too, not only service problems."),
  hardOnly: z.boolean().default(true).describe("Only hard states colour the tile; soft ones are listed as soft."),
  limit: z.number().int().min(0).max(100).default(20).describe("How many problems to list, worst first."),
});
type Params = z.infer<typeof params>;

/** Livestatus `state` of services: 0 OK, 1 WARN, 2 CRIT, 3 UNKNOWN. */
export const SERVICE_STATE: Readonly<Record<number, { word: string; status: Status }>> = {
  0: { word: "OK", status: "ok" },
  1: { word: "WARN", status: "warn" },
  2: { word: "CRIT", status: "fail" },
  3: { word: "UNKNOWN", status: "unknown" },
};
/** Livestatus `state` of hosts: 0 UP, 1 DOWN, 2 UNREACH (a parent is down: its own state is not known). */
export const HOST_STATE: Readonly<Record<number, { word: string; status: Status }>> = {
  0: { word: "UP", status: "ok" },
  1: { word: "DOWN", status: "fail" },
  2: { word: "UNREACH", status: "unknown" },
};

const COMMON = [
  "state",
  "state_type",
  "plugin_output",
  "last_state_change",
  "acknowledged",
  "scheduled_downtime_depth",
  "has_been_checked",
];
export const SERVICE_COLUMNS = ["host_name", "description", ...COMMON];
export const HOST_COLUMNS = ["name", ...COMMON];

const row = z
  .object({
    state: z.number(),
    state_type: z.number().default(1),
    plugin_output: z.string().default(""),
    last_state_change: z.number().optional(),
    acknowledged: z.number().default(0),
    scheduled_downtime_depth: z.number().default(0),
    has_been_checked: z.number().default(1),
  })
  .loose();
const collection = <T extends z.ZodType>(ext: T) =>
  z.object({ value: z.array(z.object({ extensions: ext }).loose()) }).loose();
const services = collection(row.extend({ host_name: z.string(), description: z.string() }));
const hosts = collection(row.extend({ name: z.string() }));

export interface Answer {
  services: unknown;
  hosts?: unknown;
  /** The site's GUI root (…/check_mk), for links. */
  gui: string;
}

type Row = z.infer<typeof row>;
function toProblem(
  r: Row,
  table: typeof SERVICE_STATE,
  host: string,
  service: string | undefined,
  gui: string,
  strange: string[],
): Problem | undefined {
  const name = service ? `${host}!${service}` : host;
  const known = table[r.state];
  if (!known) strange.push(`${service ? "service" : "host"} state ${JSON.stringify(r.state)} (${name})`);
  const pending = r.has_been_checked === 0;
  if (known?.status === "ok" && !pending) return undefined;
  const q = new URLSearchParams(service ? { view_name: "service", host, service } : { view_name: "host", host });
  return {
    name,
    status: pending || !known ? "unknown" : (known.status as Problem["status"]),
    state: pending ? "PENDING" : (known?.word ?? `state ${r.state}`),
    output: pending ? undefined : r.plugin_output.split("\n")[0]?.trim() || undefined,
    since: isoFrom(r.last_state_change, "s"),
    handled: r.acknowledged ? "acknowledged" : r.scheduled_downtime_depth > 0 ? "in downtime" : undefined,
    soft: !pending && r.state_type === 0,
    url: `${gui}/view.py?${q}`,
  };
}

export function toTileFields(answer: Answer, p: Params, now: Date): TileFields {
  const strange: string[] = [];
  const list: (Problem | undefined)[] = parseAnswer(services, answer.services, "Checkmk services").value.map(
    ({ extensions: e }) => toProblem(e, SERVICE_STATE, e.host_name, e.description, answer.gui, strange),
  );
  if (answer.hosts !== undefined) {
    for (const { extensions: e } of parseAnswer(hosts, answer.hosts, "Checkmk hosts").value)
      list.push(toProblem(e, HOST_STATE, e.name, undefined, answer.gui, strange));
  }
  return problemsTile(
    list.filter((x): x is Problem => x !== undefined),
    {
      hardOnly: p.hardOnly,
      limit: p.limit,
      now,
      strange,
      service: "Checkmk",
      url: `${answer.gui}/view.py?view_name=svcproblems`,
    },
  );
}

const and = (...exprs: (object | undefined)[]) => {
  const list = exprs.filter((e): e is object => e !== undefined);
  return list.length === 1 ? list[0] : { op: "and", expr: list };
};

export default defineSource<typeof params, Answer>({
  kind: "checkmk-problems",
  connection: "checkmk",
  family: "list",
  description:
    "Checkmk services and hosts not OK (REST API status collections): CRIT/DOWN → fail, WARN → warn; handled apart.",
  params,
  notes: [
    "Reads `GET /domain-types/service/collections/all` and `/domain-types/host/collections/all` with a Livestatus-style",
    "`query` (`state != 0` or never checked, ANDed with the host group) and the `columns` it needs. Services CRIT → fail,",
    "WARN → warn, UNKNOWN → unknown; hosts DOWN → fail, UNREACH → unknown; not checked yet (`has_been_checked` 0) is",
    "`unknown` as PENDING, and any other state value makes the tile `unknown` with the value named. Acknowledged",
    "problems and those in a scheduled downtime are listed and counted apart and do not colour the tile; soft states",
    "(`state_type` 0) colour it only with `hardOnly: false`.",
  ].join("\n"),
  async load(ctx, p) {
    const problem = {
      op: "or",
      expr: [
        { op: "!=", left: "state", right: "0" },
        { op: "=", left: "has_been_checked", right: "0" },
      ],
    };
    const get = async (type: "service" | "host", columns: string[], group?: object) =>
      (
        await ctx.http.json(`/domain-types/${type}/collections/all`, {
          query: { query: JSON.stringify(and(problem, group)), columns },
          signal: ctx.signal,
        })
      ).body;
    const services = await get(
      "service",
      SERVICE_COLUMNS,
      p.hostGroup ? { op: ">=", left: "host_groups", right: p.hostGroup } : undefined,
    );
    const hostList = p.hosts
      ? await get("host", HOST_COLUMNS, p.hostGroup ? { op: ">=", left: "groups", right: p.hostGroup } : undefined)
      : undefined;
    const root = ctx.baseUrl ?? ctx.http.resolve("/").replace(/\/+$/, "");
    return { services, hosts: hostList, gui: root.replace(/\/api\/[^/]+$/, "") };
  },
  normalise: (answer, p, { now }) => toTileFields(answer, p, now),
});

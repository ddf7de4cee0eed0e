/**
 * `nagios-problems`: the host and service problems of a Nagios Core 4, from its
 * JSON CGI. statusjson's `status` is a bit value, mapped here one by one.
 * @see https://github.com/NagiosEnterprises/nagioscore/blob/master/cgi/statusjson.c (servicelist, hostlist, details)
 * @see https://github.com/NagiosEnterprises/nagioscore/blob/master/include/statusdata.h (SERVICE_PENDING … HOST_UNREACHABLE)
 */
import { z } from "zod";
import type { Status, TileFields } from "../contract.ts";
import { parseAnswer } from "./lib/answer-shape.ts";
import { defineSource } from "./define.ts";
import { isoFrom, problemsTile, type Problem } from "./lib/problems.ts";

export const params = z.object({
  hostgroup: z.string().min(1).optional().describe("Only hosts (and their services) in this host group."),
  servicegroup: z.string().min(1).optional().describe("Only services in this service group."),
  hosts: z.boolean().default(true).describe("List host problems (DOWN, UNREACHABLE) too, not only service problems."),
  hardOnly: z
    .boolean()
    .default(true)
    .describe("Only hard states colour the tile; soft ones (still being retried) are listed as soft."),
  limit: z.number().int().min(0).max(100).default(20).describe("How many problems to list, worst first."),
});
type Params = z.infer<typeof params>;

/** statusjson `status` bits for services. Pending (never checked) is not ok. */
export const SERVICE_STATUS: Readonly<Record<number, { word: string; status: Status }>> = {
  1: { word: "PENDING", status: "unknown" },
  2: { word: "OK", status: "ok" },
  4: { word: "WARNING", status: "warn" },
  8: { word: "UNKNOWN", status: "unknown" },
  16: { word: "CRITICAL", status: "fail" },
};
/** statusjson `status` bits for hosts. UNREACHABLE: a parent is down, so this host's own state is not known. */
export const HOST_STATUS: Readonly<Record<number, { word: string; status: Status }>> = {
  1: { word: "PENDING", status: "unknown" },
  2: { word: "UP", status: "ok" },
  4: { word: "DOWN", status: "fail" },
  8: { word: "UNREACHABLE", status: "unknown" },
};

const entry = z
  .object({
    status: z.number(),
    plugin_output: z.string().default(""),
    state_type: z.number().default(1),
    last_state_change: z.number().optional(),
    has_been_checked: z.boolean().optional(),
    problem_has_been_acknowledged: z.boolean().default(false),
    scheduled_downtime_depth: z.number().default(0),
  })
  .loose();
const result = z.object({ type_code: z.number(), type_text: z.string(), message: z.string().default("") }).loose();
/** Built once, not on every poll. */
const resultAnswer = z.object({ result }).loose();
const services = z
  .object({ result, data: z.object({ servicelist: z.record(z.string(), z.record(z.string(), entry)) }).loose() })
  .loose();
const hosts = z.object({ result, data: z.object({ hostlist: z.record(z.string(), entry) }).loose() }).loose();

export interface Answer {
  services: unknown;
  hosts?: unknown;
  /** The CGI root, for links. */
  root: string;
}

function checkResult(body: unknown): void {
  const r = parseAnswer(resultAnswer, body, "Nagios statusjson").result;
  // statusjson answers its errors with HTTP 200 and a type_code (6 = Option Value Invalid, …).
  if (r.type_code !== 0)
    throw new Error(`Nagios statusjson: ${r.type_text}${r.message ? `: ${r.message}` : ""} (type_code ${r.type_code})`);
}

function toProblem(
  e: z.infer<typeof entry>,
  table: typeof SERVICE_STATUS,
  host: string,
  service: string | undefined,
  root: string,
  strange: string[],
): Problem | undefined {
  const name = service ? `${host}!${service}` : host;
  const known = table[e.status];
  if (!known) strange.push(`${service ? "service" : "host"} status ${JSON.stringify(e.status)} (${name})`);
  if (known?.status === "ok") return undefined;
  const pending = e.status === 1;
  const q = new URLSearchParams(service ? { type: "2", host, service } : { type: "1", host });
  return {
    name,
    status: known ? (known.status as Problem["status"]) : "unknown",
    state: known?.word ?? `status ${e.status}`,
    output: pending ? undefined : e.plugin_output.split("\n")[0]?.trim() || undefined,
    since: isoFrom(e.last_state_change, "ms"),
    handled: e.problem_has_been_acknowledged
      ? "acknowledged"
      : e.scheduled_downtime_depth > 0
        ? "in downtime"
        : undefined,
    soft: !pending && e.state_type === 0,
    url: `${root}/extinfo.cgi?${q}`,
  };
}

export function toTileFields(answer: Answer, p: Params, now: Date): TileFields {
  checkResult(answer.services);
  const strange: string[] = [];
  const problems: (Problem | undefined)[] = [];
  for (const [host, list] of Object.entries(
    parseAnswer(services, answer.services, "Nagios servicelist").data.servicelist,
  )) {
    for (const [svc, e] of Object.entries(list))
      problems.push(toProblem(e, SERVICE_STATUS, host, svc, answer.root, strange));
  }
  if (answer.hosts !== undefined) {
    checkResult(answer.hosts);
    for (const [host, e] of Object.entries(parseAnswer(hosts, answer.hosts, "Nagios hostlist").data.hostlist)) {
      problems.push(toProblem(e, HOST_STATUS, host, undefined, answer.root, strange));
    }
  }
  return problemsTile(
    problems.filter((x): x is Problem => x !== undefined),
    {
      hardOnly: p.hardOnly,
      limit: p.limit,
      now,
      strange,
      service: "Nagios",
      url: `${answer.root}/status.cgi?host=all&servicestatustypes=29`,
    },
  );
}

export default defineSource<typeof params, Answer>({
  kind: "nagios-problems",
  connection: "nagios",
  family: "list",
  description:
    "Nagios Core 4 host and service problems from statusjson.cgi: CRITICAL/DOWN → fail, WARNING → warn; handled ones apart.",
  params,
  notes: [
    "Reads `statusjson.cgi?query=servicelist&details=true` (and `query=hostlist`) with `servicestatus=warning critical",
    "unknown pending` / `hoststatus=down unreachable pending`. statusjson's status bits are mapped one by one:",
    "services 1 PENDING → unknown (never checked is not ok), 2 OK → ok, 4 WARNING → warn, 8 UNKNOWN → unknown,",
    "16 CRITICAL → fail; hosts 1 PENDING → unknown, 2 UP → ok, 4 DOWN → fail, 8 UNREACHABLE → unknown. Any other value",
    "makes the tile `unknown` with the value named. Acknowledged problems and those in a scheduled downtime are listed",
    "and counted apart and do not colour the tile; soft states colour it only with `hardOnly: false`.",
    "statusjson reports its own errors with HTTP 200 and a non-zero `result.type_code`: those fail the tile.",
  ].join("\n"),
  async load(ctx, p) {
    const groups = { hostgroup: p.hostgroup, servicegroup: p.servicegroup };
    const get = async (query: Record<string, string | undefined>) =>
      (await ctx.http.json("/statusjson.cgi", { query: { details: true, ...groups, ...query }, signal: ctx.signal }))
        .body;
    const services = await get({ query: "servicelist", servicestatus: "warning critical unknown pending" });
    const hosts = p.hosts
      ? await get({ query: "hostlist", hoststatus: "down unreachable pending", servicegroup: undefined })
      : undefined;
    return { services, hosts, root: ctx.baseUrl ?? ctx.http.resolve("/").replace(/\/+$/, "") };
  },
  normalise: (answer, p, { now }) => toTileFields(answer, p, now),
});

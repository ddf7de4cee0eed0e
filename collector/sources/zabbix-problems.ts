/**
 * `zabbix-problems`: open Zabbix problems at or above a severity, optionally in
 * some host groups.
 * @see https://www.zabbix.com/documentation/7.0/en/manual/api/reference/problem/get
 * @see https://www.zabbix.com/documentation/7.0/en/manual/api/reference/problem/object
 * @see https://www.zabbix.com/documentation/7.0/en/manual/api (JSON-RPC request, `error` object)
 */
import { z } from "zod";
import type { TileFields } from "../contract.ts";
import { parseAnswer } from "./lib/answer-shape.ts";
import { defineSource, type PollContext } from "./define.ts";
import { isoFrom, problemsTile, type Problem } from "./lib/problems.ts";

const severity = z.number().int().min(0).max(5);
export const params = z
  .object({
    groups: z
      .array(z.string().min(1))
      .default([])
      .describe("Host group names; only their hosts' problems. Left out = every group the user may read."),
    warnFrom: severity
      .default(2)
      .describe("Lowest severity listed, and it warns (0 not classified … 2 warning, 3 average, 4 high, 5 disaster)."),
    failFrom: severity.default(4).describe("Severities from this one up fail the tile; default 4 (high)."),
    limit: z.number().int().min(0).max(100).default(20).describe("How many problems to list, worst first."),
  })
  .refine((p) => p.failFrom >= p.warnFrom, { error: "failFrom must not be below warnFrom" });
type Params = z.infer<typeof params>;

export const SEVERITY = ["not classified", "information", "warning", "average", "high", "disaster"] as const;
/** How many problems one poll asks for; Zabbix has no pages, only `limit`. */
export const MAX_PROBLEMS = 1000;

const problem = z
  .object({
    eventid: z.string(),
    objectid: z.string(),
    clock: z.coerce.number(),
    name: z.string(),
    severity: z.coerce.string(),
    acknowledged: z.coerce.string().default("0"),
    suppressed: z.coerce.string().default("0"),
    opdata: z.string().optional(),
    acknowledges: z.array(z.object({ username: z.string().optional() }).loose()).default([]),
  })
  .loose();
/** Built once, not on every poll. */
const problemList = z.array(problem);
const trigger = z
  .object({ triggerid: z.string(), hosts: z.array(z.object({ name: z.string() }).loose()).default([]) })
  .loose();
/** Built once, not on every poll. */
const triggerList = z.array(trigger);

export interface Answer {
  problems: unknown;
  triggers: unknown;
  root: string;
}

/** One JSON-RPC call (one per HTTP request, so a fixed id); an `error` object (HTTP 200 in Zabbix) becomes a readable error. */
export async function rpc(ctx: PollContext, method: string, rpcParams: Record<string, unknown>): Promise<unknown> {
  const res = await ctx.http.json<{ result?: unknown; error?: { code?: number; message?: string; data?: string } }>(
    "/api_jsonrpc.php",
    {
      method: "POST",
      body: { jsonrpc: "2.0", method, params: rpcParams, id: 1 },
      signal: ctx.signal,
    },
  );
  const e = res.body?.error;
  if (e)
    throw new Error(
      `Zabbix ${method}: ${[e.message, e.data].filter(Boolean).join(" ")}${e.code !== undefined ? ` (code ${e.code})` : ""}`,
    );
  if (!res.body || !("result" in res.body))
    throw new Error(`Zabbix ${method}: the answer has neither result nor error`);
  return res.body.result;
}

export function toTileFields(answer: Answer, p: Params, now: Date): TileFields {
  const list = parseAnswer(problemList, answer.problems, "Zabbix problems");
  const hosts = new Map(
    parseAnswer(triggerList, answer.triggers, "Zabbix triggers").map((t) => [
      t.triggerid,
      t.hosts.map((h) => h.name).join(", "),
    ]),
  );
  const strange: string[] = [];
  const problems = list.map((x): Problem => {
    const sev = /^[0-5]$/.test(x.severity) ? Number(x.severity) : undefined;
    if (sev === undefined) strange.push(`severity ${JSON.stringify(x.severity)} (${x.name})`);
    const acked = x.acknowledged === "1";
    const by = acked ? x.acknowledges.find((a) => a.username)?.username : undefined;
    const host = hosts.get(x.objectid);
    return {
      name: host ? `${host}: ${x.name}` : x.name,
      status: sev === undefined ? "unknown" : sev >= p.failFrom ? "fail" : "warn",
      state: sev === undefined ? `severity ${x.severity}` : SEVERITY[sev]!,
      output: x.opdata || undefined,
      since: isoFrom(x.clock, "s"),
      handled: x.suppressed === "1" ? "suppressed" : acked ? "acknowledged" : undefined,
      by,
      url: `${answer.root}/tr_events.php?${new URLSearchParams({ triggerid: x.objectid, eventid: x.eventid })}`,
    };
  });
  const fields = problemsTile(problems, {
    hardOnly: true,
    limit: p.limit,
    now,
    strange,
    service: "Zabbix",
    url: `${answer.root}/zabbix.php?action=problem.view`,
  });
  return list.length >= MAX_PROBLEMS
    ? { ...fields, summary: `${fields.summary} (first ${MAX_PROBLEMS} only)` }
    : fields;
}

export default defineSource<typeof params, Answer>({
  kind: "zabbix-problems",
  connection: "zabbix",
  family: "list",
  description:
    "Open Zabbix problems (problem.get): severity ≥ failFrom → fail, ≥ warnFrom → warn; acknowledged and suppressed apart.",
  params,
  notes: [
    "Calls `problem.get` with `severities` from `warnFrom` to 5 (and `groupids` resolved from `groups` with",
    "`hostgroup.get`), newest first, then `trigger.get` for the problems' host names. Severity `failFrom` and up",
    "(default 4 high, 5 disaster) fails the tile, the rest (default 2 warning, 3 average) warns. Acknowledged problems",
    "(`acknowledged` 1) and suppressed ones (`suppressed` 1, e.g. in a maintenance) are listed and counted apart and do",
    "not colour the tile. A severity outside 0–5 makes it `unknown` with the value named. Zabbix answers errors",
    "(a revoked token, a missing permission) with HTTP 200 and a JSON-RPC `error` object: those fail the tile with",
    "its `message` and `data`. Zabbix does not paginate: at most 1000 problems are read.",
  ].join("\n"),
  async load(ctx, p) {
    let groupids: string[] | undefined;
    if (p.groups.length) {
      const found = parseAnswer(
        z.array(z.object({ groupid: z.string(), name: z.string() }).loose()),
        await rpc(ctx, "hostgroup.get", { output: ["groupid", "name"], filter: { name: p.groups } }),
        "Zabbix host groups",
      );
      const missing = p.groups.filter((g) => !found.some((f) => f.name === g));
      if (missing.length)
        throw new Error(
          `Zabbix has no host group ${missing.map((m) => JSON.stringify(m)).join(", ")} (or the token may not read it)`,
        );
      groupids = found.map((f) => f.groupid);
    }
    const severities = Array.from({ length: 6 - p.warnFrom }, (_, i) => p.warnFrom + i);
    const problems = await rpc(ctx, "problem.get", {
      output: "extend",
      selectAcknowledges: "extend",
      recent: false,
      severities,
      ...(groupids ? { groupids } : {}),
      sortfield: ["eventid"],
      sortorder: "DESC",
      limit: MAX_PROBLEMS,
    });
    const ids = Array.isArray(problems)
      ? [...new Set(problems.map((x) => (x as { objectid?: unknown }).objectid).filter((x) => typeof x === "string"))]
      : [];
    const triggers = ids.length
      ? await rpc(ctx, "trigger.get", { output: ["triggerid"], triggerids: ids, selectHosts: ["name"] })
      : [];
    return { problems, triggers, root: ctx.baseUrl ?? "" };
  },
  normalise: (answer, p, { now }) => toTileFields(answer, p, now),
});

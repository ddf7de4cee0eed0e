/**
 * `icinga-problems`: the host and service problems of an Icinga 2, optionally
 * narrowed by an Icinga filter expression.
 * @see https://icinga.com/docs/icinga-2/latest/doc/12-icinga2-api/#querying-objects
 * @see https://icinga.com/docs/icinga-2/latest/doc/12-icinga2-api/#filters
 */
import { z } from "zod";
import type { TileFields } from "../contract.ts";
import { defineSource } from "./define.ts";
import {
  acknowledgers,
  HOST_STATE,
  icingaWeb,
  objectLink,
  OBJECT_ATTRS,
  parseObjects,
  problemsLink,
  queryObjects,
  SERVICE_STATE,
  type Checkable,
  type IcingaWeb,
} from "./lib/icinga-api.ts";
import { isoFrom, problemsTile, type Problem } from "./lib/problems.ts";

export const params = z.object({
  filter: z
    .string()
    .min(1)
    .optional()
    .describe(
      'An Icinga filter expression both hosts and services must meet, e.g. `host.vars.team == "web"`; left out = all.',
    ),
  hostFilter: z
    .string()
    .min(1)
    .optional()
    .describe("A different filter for hosts (e.g. when `filter` names `service.` attributes); default `filter`."),
  hosts: z.boolean().default(true).describe("List host problems (DOWN) too, not only service problems."),
  hardOnly: z
    .boolean()
    .default(true)
    .describe("Only hard states colour the tile; soft ones (not yet confirmed by the retries) are listed as soft."),
  limit: z.number().int().min(0).max(100).default(20).describe("How many problems to list, worst first."),
});
type Params = z.infer<typeof params>;

export interface Answer {
  services: unknown;
  hosts: unknown;
  /** Acknowledgement comments, asked only when something is acknowledged. */
  comments?: unknown;
  web?: IcingaWeb;
}

const and = (base: string, extra?: string) => (extra ? `(${base}) && (${extra})` : base);

export function toProblem(
  o: Checkable,
  kind: "service" | "host",
  strange: string[],
  by: Record<string, string>,
  web?: IcingaWeb,
): Problem | undefined {
  const a = o.attrs;
  const host = a.host_name ?? a.name ?? o.name;
  const service = kind === "service" ? (a.name ?? o.name.split("!").slice(1).join("!")) : undefined;
  const name = service ? `${host}!${service}` : host;
  const known = (kind === "service" ? SERVICE_STATE : HOST_STATE)[a.state];
  if (!known) strange.push(`${kind} state ${JSON.stringify(a.state)} (${name})`);
  if (known?.status === "ok") return undefined;
  // Before its first check an object is state 3 (or 0 for hosts) without a result: not checked is not ok.
  const pending = !a.last_check_result;
  return {
    name,
    status: known && !pending ? (known.status as Problem["status"]) : "unknown",
    state: pending ? "PENDING" : (known?.word ?? `state ${a.state}`),
    output: a.last_check_result?.output.split("\n")[0]?.trim() || undefined,
    since: isoFrom(a.last_state_change, "s"),
    handled: a.acknowledgement > 0 ? "acknowledged" : a.downtime_depth > 0 ? "in downtime" : undefined,
    by: a.acknowledgement > 0 ? by[name] : undefined,
    // Not checked yet is not a soft state: it must not hide behind hardOnly.
    soft: !pending && a.state_type === 0,
    url: objectLink(web, host, service),
  };
}

export function toTileFields(answer: Answer, p: Params, now: Date): TileFields {
  const strange: string[] = [];
  const by = answer.comments ? acknowledgers(answer.comments) : {};
  const problems = [
    ...parseObjects(answer.services, "Icinga services").map((o) => toProblem(o, "service", strange, by, answer.web)),
    ...parseObjects(answer.hosts, "Icinga hosts").map((o) => toProblem(o, "host", strange, by, answer.web)),
  ].filter((x): x is Problem => x !== undefined);
  return problemsTile(problems, {
    hardOnly: p.hardOnly,
    limit: p.limit,
    now,
    strange,
    service: "Icinga",
    url: problemsLink(answer.web),
  });
}

export default defineSource<typeof params, Answer>({
  kind: "icinga-problems",
  connection: "icinga2",
  family: "list",
  description:
    "Icinga 2 host and service problems: CRITICAL/DOWN → fail, WARNING → warn, UNKNOWN → unknown; handled ones counted apart.",
  params,
  notes: [
    "Asks `POST /v1/objects/services` and `/v1/objects/hosts` (with `X-HTTP-Method-Override: GET`) for objects whose",
    "`state != 0`, ANDed with `filter`. Service CRITICAL and host DOWN fail the tile, WARNING warns, UNKNOWN and a",
    "service not checked yet (no `last_check_result`: shown as PENDING) make it `unknown`; a state value outside",
    "0–3 (hosts 0–1) makes it `unknown` with the value named. *Handled* problems — acknowledged (`acknowledgement > 0`,",
    "the author read from the acknowledgement comment) or in a downtime (`downtime_depth > 0`) — are listed and",
    "counted apart and do not colour the tile. Soft states (`state_type` 0) are listed as soft and colour it only",
    "with `hardOnly: false`. Items link to Icinga Web 2 when the connection has a `webUrl`.",
    "Needs `objects/query/Service`, `objects/query/Host` and `objects/query/Comment`.",
  ].join("\n"),
  async load(ctx, p) {
    const services = await queryObjects(ctx, "services", and("service.state != 0", p.filter), OBJECT_ATTRS);
    const hosts = p.hosts
      ? await queryObjects(ctx, "hosts", and("host.state != 0", p.hostFilter ?? p.filter), OBJECT_ATTRS)
      : { results: [] };
    const acked = [services, hosts].some((b) =>
      parseObjects(b, "Icinga objects").some((o) => o.attrs.acknowledgement > 0),
    );
    const comments = acked
      ? await queryObjects(ctx, "comments", "comment.entry_type == 4", [
          "author",
          "host_name",
          "service_name",
          "entry_type",
        ])
      : undefined;
    return { services, hosts, comments, web: icingaWeb(ctx.connection) };
  },
  normalise: (answer, p, { now }) => toTileFields(answer, p, now),
});

/**
 * What the two Icinga 2 kinds share: the object query, the state values and
 * the links into Icinga Web 2.
 * @see https://icinga.com/docs/icinga-2/latest/doc/12-icinga2-api/#querying-objects
 * @see https://icinga.com/docs/icinga-2/latest/doc/09-object-types/#service (runtime attributes)
 */
import { z } from "zod";
import type { Status } from "../../contract.ts";
import type { PollContext } from "../define.ts";
import { parseAnswer } from "./answer-shape.ts";

/** Service `state`: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. */
export const SERVICE_STATE: Readonly<Record<number, { word: string; status: Status }>> = {
  0: { word: "OK", status: "ok" },
  1: { word: "WARNING", status: "warn" },
  2: { word: "CRITICAL", status: "fail" },
  3: { word: "UNKNOWN", status: "unknown" },
};
/** Host `state`: 0 UP, 1 DOWN (Icinga 2 has no UNREACHABLE state; reachability is its own attribute). */
export const HOST_STATE: Readonly<Record<number, { word: string; status: Status }>> = {
  0: { word: "UP", status: "ok" },
  1: { word: "DOWN", status: "fail" },
};

export const checkResult = z
  .object({
    output: z.string().default(""),
    performance_data: z.array(z.unknown()).nullish(),
  })
  .loose();

export const checkable = z
  .object({
    name: z.string(),
    attrs: z
      .object({
        name: z.string().optional(),
        host_name: z.string().optional(),
        display_name: z.string().optional(),
        state: z.number(),
        last_hard_state: z.number().optional(),
        /** 0 soft, 1 hard. */
        state_type: z.number().default(1),
        check_attempt: z.number().optional(),
        max_check_attempts: z.number().optional(),
        /** 0 none, 1 normal, 2 sticky. */
        acknowledgement: z.number().default(0),
        downtime_depth: z.number().default(0),
        last_state_change: z.number().optional(),
        last_check_result: checkResult.nullish(),
      })
      .loose(),
  })
  .loose();
export type Checkable = z.infer<typeof checkable>;

const results = z.object({ results: z.array(checkable) }).loose();
const comments = z
  .object({
    results: z.array(
      z
        .object({
          attrs: z
            .object({
              author: z.string(),
              host_name: z.string(),
              service_name: z.string().default(""),
              entry_type: z.number(),
            })
            .loose(),
        })
        .loose(),
    ),
  })
  .loose();

/** Attributes asked of services; hosts have no `host_name`, and Icinga rejects asking for it (HTTP 400). */
export const OBJECT_ATTRS = [
  "name",
  "host_name",
  "display_name",
  "state",
  "last_hard_state",
  "state_type",
  "check_attempt",
  "max_check_attempts",
  "acknowledgement",
  "downtime_depth",
  "last_state_change",
  "last_check_result",
];

/**
 * `POST /v1/objects/<type>` with `X-HTTP-Method-Override: GET`: the documented way
 * to send a filter in a JSON body. A valid filter matching nothing is `{"results":[]}`;
 * Icinga 2.13 answers a filter naming an attribute that does not exist with HTTP 404
 * "No objects found." — an error here, never an empty (green) list.
 */
export async function queryObjects(
  ctx: PollContext,
  type: "services" | "hosts" | "comments",
  filter: string | undefined,
  wanted: string[],
) {
  const attrs = type === "hosts" ? wanted.filter((a) => a !== "host_name") : wanted;
  const res = await ctx.http.json<{ status?: unknown }>(`/objects/${type}`, {
    method: "POST",
    headers: { "x-http-method-override": "GET" },
    body: { attrs, ...(filter ? { filter } : {}) },
    accept: [400, 404],
    signal: ctx.signal,
  });
  if (res.status !== 200) {
    const why = String(res.body?.status ?? "no reason given").slice(0, 300);
    throw new Error(
      `Icinga rejected the ${type} query (HTTP ${res.status}): ${why}${res.status === 404 ? " — check the filter's attribute names" : ""}`,
    );
  }
  return res.body;
}

export function parseObjects(body: unknown, what: string): Checkable[] {
  return parseAnswer(results, body, what).results;
}

/** `host!service` → who acknowledged it, from the acknowledgement comments (entry_type 4). */
export function acknowledgers(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of parseAnswer(comments, body, "Icinga comments").results) {
    if (c.attrs.entry_type !== 4) continue;
    out[c.attrs.service_name ? `${c.attrs.host_name}!${c.attrs.service_name}` : c.attrs.host_name] = c.attrs.author;
  }
  return out;
}

export interface IcingaWeb {
  url: string;
  module: "icingadb" | "monitoring";
}

export function icingaWeb(conn: unknown): IcingaWeb | undefined {
  const c = conn as { webUrl?: string; webModule?: "icingadb" | "monitoring" } | undefined;
  return c?.webUrl ? { url: c.webUrl.replace(/\/+$/, ""), module: c.webModule ?? "icingadb" } : undefined;
}

/** Icinga Web 2's page for one host or service. */
export function objectLink(web: IcingaWeb | undefined, host: string, service?: string): string | undefined {
  if (!web) return undefined;
  const q = (o: Record<string, string>) => new URLSearchParams(o).toString();
  if (web.module === "monitoring") {
    return service
      ? `${web.url}/monitoring/service/show?${q({ host, service })}`
      : `${web.url}/monitoring/host/show?${q({ host })}`;
  }
  return service
    ? `${web.url}/icingadb/service?${q({ name: service, "host.name": host })}`
    : `${web.url}/icingadb/host?${q({ name: host })}`;
}

/** Icinga Web 2's list of unhandled problems. */
export function problemsLink(web: IcingaWeb | undefined): string | undefined {
  if (!web) return undefined;
  return web.module === "monitoring"
    ? `${web.url}/monitoring/list/services?service_problem=1&service_handled=0`
    : `${web.url}/icingadb/services?service.state.is_problem=y&service.state.is_handled=n`;
}

/**
 * `grafana-alerts`: Grafana-managed alerts through Grafana's Alertmanager-compatible
 * API, judged exactly as the `alertmanager` kind judges Alertmanager's (the same
 * normaliser); only the links point into Grafana's alerting UI.
 * @see https://grafana.com/docs/grafana/latest/developers/http_api/alerting_provisioning/ (service accounts, permissions)
 * @see https://github.com/grafana/grafana/blob/main/pkg/services/ngalert/api/tooling/definitions/alertmanager.go
 *   (route `GET /api/alertmanager/{DatasourceUID}/api/v2/alerts` → gettableAlerts, with `grafana` as the built-in Alertmanager)
 */
import { z } from "zod";
import type { TileFields } from "../contract.ts";
import { safeLink } from "../links.ts";
import { parseAnswer } from "./lib/answer-shape.ts";
import { defineSource, type NormaliseContext } from "./define.ts";
import alertmanager, { alertList, params } from "./alertmanager.ts";

type Params = z.infer<typeof params>;
export { params };

export interface Answer {
  alerts: unknown;
  /** The Grafana root, for links. */
  root: string;
}

export function grafanaTileFields(answer: Answer, p: Params, ctx: NormaliseContext): TileFields {
  const alerts = parseAnswer(alertList, answer.alerts, "Grafana alerts");
  const fields = alertmanager.normalise({ alerts, root: answer.root }, p, ctx);
  // Alertmanager's own UI route (#/alerts) means nothing in Grafana: link its alert groups page instead.
  const groups = safeLink(
    `${answer.root}/alerting/groups${p.filter.length ? `?${new URLSearchParams({ matcher: p.filter.join(",") })}` : ""}`,
  );
  const own = (url?: string) => (url?.startsWith(`${answer.root}/#/alerts`) ? groups : url);
  return { ...fields, url: groups, items: fields.items?.map((i) => ({ ...i, url: own(i.url) })) };
}

export default defineSource<typeof params, Answer>({
  kind: "grafana-alerts",
  connection: "grafana",
  family: "list",
  description:
    "Grafana-managed alerts (its Alertmanager-compatible API): failOn severities → fail, other firing → warn; silenced counted.",
  params,
  notes: [
    "Reads `GET /api/alertmanager/grafana/api/v2/alerts` — the same `gettableAlerts` as Alertmanager's API v2 — and",
    "judges it exactly as the `alertmanager` kind does: an active alert whose `severity` label is in `failOn` fails the",
    "tile, any other active alert warns, silenced and inhibited alerts are counted apart, and an undocumented",
    "`status.state` makes the tile `unknown` with the value named. Items link to the alert rule (`generatorURL`).",
  ].join("\n"),
  async load(ctx, p) {
    const res = await ctx.http.json("/api/alertmanager/grafana/api/v2/alerts", {
      query: { active: true, silenced: true, inhibited: true, unprocessed: true, filter: p.filter },
      accept: [400],
      signal: ctx.signal,
    });
    if (res.status === 400) {
      const b = res.body as { message?: unknown } | string | null;
      throw new Error(
        `Grafana rejected the request (HTTP 400): ${typeof b === "string" ? b : String(b?.message ?? JSON.stringify(b)).slice(0, 300)}`,
      );
    }
    return { alerts: res.body, root: ctx.baseUrl ?? ctx.http.resolve("/").replace(/\/+$/, "") };
  },
  normalise: grafanaTileFields,
});

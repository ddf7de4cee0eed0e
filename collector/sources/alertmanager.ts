/**
 * `alertmanager`: the active alerts of an Alertmanager (API v2). Severities in
 * `failOn` fail the tile, any other active alert warns; silenced and inhibited
 * alerts are left out and counted.
 * @see https://github.com/prometheus/alertmanager/blob/main/api/v2/openapi.yaml (GET /alerts, gettableAlert, alertStatus)
 * @see https://prometheus.io/docs/alerting/latest/configuration/#webhook_config (the webhook payload)
 */
import { z } from "zod";
import { STATUS_RANK, type Status, type TileFields, type TileItem } from "../contract.ts";
import { ago } from "../durations.ts";
import { safeLink } from "../links.ts";
import { parseAnswer } from "./lib/answer-shape.ts";
import { defineSource, type NormaliseContext } from "./define.ts";
import { labelText } from "./lib/prometheus-api.ts";
import { matcherError, matchesLabels, parseMatchers } from "./lib/alertmanager-matchers.ts";

export const params = z.object({
  filter: z
    .array(
      z
        .string()
        .refine((s) => matcherError(s) === undefined, { error: (i) => matcherError(String(i.input)) ?? "bad matcher" }),
    )
    .default([])
    .describe(
      'Alertmanager matchers an alert must all meet, e.g. ["team=\\"ops\\"", "env=~\\"prod|staging\\""]; left out = every alert.',
    ),
  failOn: z
    .array(z.string())
    .default(["critical"])
    .describe("`severity` label values that fail the tile; any other active alert warns."),
  limit: z.number().int().min(0).max(100).default(20).describe("How many alerts to list, failing ones first."),
});
type Params = z.infer<typeof params>;

/**
 * `status.state` of an alert: `unprocessed` alerts have not been matched against
 * silences and inhibitions yet, so they count as active until Alertmanager says otherwise.
 */
export const STATE = { active: "firing", unprocessed: "firing", suppressed: "suppressed" } as const;

export const alert = z
  .object({
    labels: z.record(z.string(), z.string()),
    annotations: z.record(z.string(), z.string()).default({}),
    startsAt: z.string(),
    fingerprint: z.string().optional(),
    generatorURL: z.string().optional(),
    status: z
      .object({
        state: z.string(),
        silencedBy: z.array(z.string()).default([]),
        inhibitedBy: z.array(z.string()).default([]),
      })
      .loose(),
  })
  .loose();
/** Built once, not on every poll. */
export const alertList = z.array(alert);
export type Alert = z.infer<typeof alert>;

/** Alertmanager's own page for alerts matching these matchers. */
export function amLink(root: string, matchers: readonly string[]): string | undefined {
  const filter = matchers.length ? `&filter=${encodeURIComponent(`{${matchers.join(",")}}`)}` : "";
  return safeLink(`${root.replace(/\/+$/, "")}/#/alerts?silenced=false&inhibited=false&active=true${filter}`);
}

export interface AlertmanagerAnswer {
  alerts: readonly Alert[];
  /** Alertmanager's web root, for links. */
  root: string;
}

function normalise({ alerts, root: amRoot }: AlertmanagerAnswer, p: Params, { now }: NormaliseContext): TileFields {
  const strange = new Set<string>();
  let silenced = 0,
    inhibited = 0;
  const firing: { a: Alert; status: "fail" | "warn" }[] = [];
  for (const a of alerts) {
    const kind = Object.hasOwn(STATE, a.status.state) ? STATE[a.status.state as keyof typeof STATE] : undefined;
    if (!kind) strange.add(a.status.state);
    else if (kind === "suppressed") {
      if (a.status.silencedBy.length) silenced++;
      else inhibited++;
    } else firing.push({ a, status: p.failOn.includes(a.labels.severity ?? "") ? "fail" : "warn" });
  }
  firing.sort(
    (x, y) => STATUS_RANK[x.status] - STATUS_RANK[y.status] || Date.parse(x.a.startsAt) - Date.parse(y.a.startsAt),
  );

  const items: TileItem[] = firing.slice(0, p.limit).map(({ a, status }) => {
    const { alertname, severity, ...rest } = a.labels;
    const text = a.annotations.summary ?? a.annotations.description;
    const exact = Object.entries(a.labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
    return {
      title: `${alertname ?? "(no alertname)"}${rest.instance ? ` ${rest.instance}` : ""}`,
      status,
      url: safeLink(a.generatorURL) ?? amLink(amRoot, exact),
      detail: [
        severity ?? "no severity",
        text,
        Object.keys(rest).length ? labelText(rest) : undefined,
        `since ${ago(a.startsAt, now)}`,
      ]
        .filter(Boolean)
        .join(" · "),
      at: a.startsAt,
    };
  });

  const hidden = [silenced ? `${silenced} silenced` : "", inhibited ? `${inhibited} inhibited` : ""]
    .filter(Boolean)
    .join(", ");
  let summary: string;
  if (firing.length === 0) summary = "no alerts firing";
  else if (firing.length === 1) {
    const { a } = firing[0]!;
    const text = a.annotations.summary ?? a.annotations.description;
    summary = `${a.labels.alertname ?? "alert"}${a.labels.severity ? ` (${a.labels.severity})` : ""}${text ? `: ${text}` : ""}`;
  } else {
    const bySeverity = new Map<string, number>();
    for (const { a } of firing)
      bySeverity.set(a.labels.severity ?? "no severity", (bySeverity.get(a.labels.severity ?? "no severity") ?? 0) + 1);
    summary = `${firing.length} firing (${[...bySeverity].map(([s, n]) => `${n} ${s}`).join(", ")}): ${[...new Set(firing.map((f) => f.a.labels.alertname ?? "alert"))].slice(0, 3).join(", ")}`;
  }
  if (hidden) summary += ` · ${hidden}`;

  const worst: Status = firing[0]?.status ?? "ok";
  const status = strange.size && worst !== "fail" ? "unknown" : worst;
  const deciding = firing
    .filter((f) => f.status === worst)
    .map((f) => f.a.startsAt)
    .sort((x, y) => Date.parse(x) - Date.parse(y));
  return {
    status,
    summary,
    items,
    value: firing.length,
    url: amLink(amRoot, p.filter),
    since: firing.length ? deciding[0] : undefined,
    error: strange.size
      ? `unknown Alertmanager alert state ${[...strange].map((s) => JSON.stringify(s)).join(", ")}`
      : undefined,
  };
}

/** A tile's filter parsed once, not on every webhook (a plan's params live as long as its config). */
const parsedFilters = new WeakMap<readonly string[], ReturnType<typeof parseMatchers>>();

/** Does an Alertmanager webhook payload carry an alert this tile's filter lets through? */
export function payloadMatches(payload: unknown, p: Params): boolean {
  const list = (payload as { alerts?: unknown } | null)?.alerts;
  if (!Array.isArray(list) || p.filter.length === 0) return true;
  let matchers = parsedFilters.get(p.filter);
  if (!matchers) parsedFilters.set(p.filter, (matchers = p.filter.flatMap(parseMatchers)));
  return list.some((a) =>
    matchesLabels(matchers, ((a as { labels?: unknown })?.labels ?? {}) as Record<string, unknown>),
  );
}

export default defineSource({
  kind: "alertmanager",
  connection: "alertmanager",
  family: "list",
  description:
    "Active Alertmanager alerts: failOn severities → fail, other alerts → warn, none → ok; silenced and inhibited counted.",
  notes: `The alerts an Alertmanager holds (API v2 \`GET /api/v2/alerts\`).

- an active alert whose \`severity\` is in \`failOn\` → **fail**; any other active alert → **warn**; none → ok;
- **silenced and inhibited alerts are left out** but counted: \`no alerts firing · 1 silenced\`;
- one alert shows its \`summary\` annotation on the tile: \`InstanceDown (critical): web-1 is unreachable\`; several: \`3 firing (1 critical, 2 warning): InstanceDown, DiskFull\`;
- \`since\` is the earliest \`startsAt\` of the alerts that decide the status, so "red for 2 h" means the alert's age, not the collector's;
- items: alertname (and instance), severity, summary or description, the other labels, \`startsAt\`; each links to its
  \`generatorURL\` (the graph of the rule in Prometheus), or to the alert in Alertmanager when there is none. The tile links to Alertmanager's alert list with the tile's filter;
- an alert \`state\` Radiator does not know → \`unknown\`, naming it.

\`\`\`json
{ "id": "ops-alerts", "title": "Ops alerts", "kind": "alertmanager", "connection": "am", "filter": ["team=\\"ops\\""], "every": "1m" }
\`\`\`

**Webhook (optional, for speed).** Polling stays the truth; a webhook only makes
the tile change within a second of a notification instead of at the next poll.
Point a receiver at the collector — Alertmanager sends its usual webhook payload,
and every \`alertmanager\` tile whose \`filter\` matches one of its alerts re-polls at once:

\`\`\`yaml
# alertmanager.yml
receivers:
  - name: radiator
    webhook_configs:
      - url: http://radiator.office.lan:8080/api/webhooks/alertmanager
        send_resolved: true
        http_config:
          authorization: { credentials: "the webhookSecret" }   # sent as Authorization: Bearer …
route:
  receiver: radiator          # or add it as a child route with \`continue: true\` next to your real receivers
\`\`\`

With \`webhookSecret\` set on the connection the collector answers 401 to a
request without it (\`Authorization: Bearer <secret>\`, or \`?secret=<secret>\` for
senders that cannot set headers); it answers 202 with \`{"polled": N}\`.`,
  params,
  webhook: { name: "alertmanager", matches: payloadMatches },
  async load(ctx, p): Promise<AlertmanagerAnswer> {
    const res = await ctx.http.json("/api/v2/alerts", {
      query: { active: true, silenced: true, inhibited: true, unprocessed: true, filter: p.filter },
      accept: [400],
      signal: ctx.signal,
    });
    // A rejected filter comes back as a bare JSON string that the generic error text would drop.
    if (res.status === 400)
      throw new Error(
        `Alertmanager rejected the request (HTTP 400): ${typeof res.body === "string" ? res.body : JSON.stringify(res.body).slice(0, 300)}`,
      );
    const alerts = parseAnswer(alertList, res.body, "Alertmanager alerts");
    return { alerts, root: ctx.http.resolve("/") };
  },
  normalise,
});

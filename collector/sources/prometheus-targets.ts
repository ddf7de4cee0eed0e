/**
 * `prometheus-targets`: are Prometheus's scrape targets up? Any target down
 * fails the tile and is listed with its last scrape error.
 * @see https://prometheus.io/docs/prometheus/latest/querying/api/#targets
 */
import { z } from "zod";
import { worstStatus, STATUS_RANK, type Status, type TileFields, type TileItem } from "../contract.ts";
import { ago } from "../durations.ts";
import { safeLink } from "../links.ts";
import { parseAnswer } from "./lib/answer-shape.ts";
import { defineSource, type NormaliseContext } from "./define.ts";
import { promData } from "./lib/prometheus-api.ts";

export const params = z.object({
  job: z
    .string()
    .min(1)
    .optional()
    .describe("Only targets of this scrape job (the `job` label); left out = every active target."),
  limit: z.number().int().min(0).max(100).default(20).describe("How many targets to list, down ones first."),
});
type Params = z.infer<typeof params>;

/** Target `health`; "unknown" is what Prometheus says before a target's first scrape. */
export const HEALTH: Readonly<Record<string, Status>> = { up: "ok", down: "fail", unknown: "unknown" };

const target = z
  .object({
    labels: z.record(z.string(), z.string()),
    scrapePool: z.string().optional(),
    scrapeUrl: z.string(),
    lastError: z.string().default(""),
    lastScrape: z.string().optional(),
    health: z.string(),
  })
  .loose();
const targets = z.object({ activeTargets: z.array(target) }).loose();
export type Target = z.infer<typeof target>;

function name(t: Target): string {
  return `${t.labels.job ?? t.scrapePool ?? "?"} ${t.labels.instance ?? t.scrapeUrl}`;
}

export interface TargetsAnswer {
  targets: readonly Target[];
  /** Prometheus's own targets page. */
  link?: string;
}

function normalise({ targets: all, link }: TargetsAnswer, p: Params, { now }: NormaliseContext): TileFields {
  const mine = p.job ? all.filter((t) => t.labels.job === p.job || (!t.labels.job && t.scrapePool === p.job)) : all;
  const strange = new Set<string>();
  const judged = mine
    .map((t) => {
      const status = Object.hasOwn(HEALTH, t.health) ? HEALTH[t.health]! : "unknown";
      if (!Object.hasOwn(HEALTH, t.health)) strange.add(t.health);
      return { t, status };
    })
    .sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || name(a.t).localeCompare(name(b.t)));
  const of = p.job ? ` of job ${p.job}` : "";
  if (judged.length === 0)
    return {
      status: "unknown",
      summary: `no targets${of}`,
      error: `Prometheus has no active scrape targets${of}`,
      url: link,
    };

  const items: TileItem[] = judged.slice(0, p.limit).map(({ t, status }) => ({
    title: name(t),
    status,
    url: safeLink(t.scrapeUrl),
    detail: [
      t.health === "down" ? t.lastError || "down" : t.health,
      t.scrapeUrl,
      t.lastScrape && !t.lastScrape.startsWith("0001-") ? `scraped ${ago(t.lastScrape, now)}` : undefined,
    ]
      .filter(Boolean)
      .join(" · "),
    at: t.lastScrape && !t.lastScrape.startsWith("0001-") ? t.lastScrape : undefined,
  }));
  const down = judged.filter((j) => j.t.health === "down");
  const up = judged.filter((j) => j.t.health === "up").length;
  const waiting = judged.length - up - down.length;
  const status = worstStatus(judged.map((j) => j.status));
  const summary = down.length
    ? `${down.length}/${judged.length} targets down: ${down
        .slice(0, 3)
        .map((d) => name(d.t))
        .join(", ")}${down.length > 3 ? ", …" : ""}`
    : waiting
      ? `${up}/${judged.length} targets up, ${waiting} not scraped yet`
      : `${up}/${judged.length} targets up`;
  return {
    status,
    summary,
    items,
    value: down.length,
    url: link,
    error: strange.size ? `unknown target health ${[...strange].map((h) => JSON.stringify(h)).join(", ")}` : undefined,
  };
}

export default defineSource({
  kind: "prometheus-targets",
  connection: "prometheus",
  family: "list",
  description: "Prometheus scrape targets: any target down → fail, listed with its last error; all up → ok.",
  notes: `Are Prometheus's scrape targets up (\`GET /api/v1/targets?state=active\`)?

Target \`health\` \`up\` → ok, \`down\` → **fail**, \`unknown\` (not scraped yet) → unknown.
Summary \`12/12 targets up\`, or \`1/12 targets down: node web-1:9100\`; no targets
(or none of \`job\`) → \`unknown\`. Items: \`job instance\`, with the last scrape error
and the scrape URL. The tile links to Prometheus's targets page.

\`\`\`json
{ "id": "targets", "title": "Scrape targets", "kind": "prometheus-targets", "connection": "prom", "every": "15s" }
\`\`\``,
  params,
  async load(ctx, p): Promise<TargetsAnswer> {
    const res = await ctx.http.json("/api/v1/targets", { query: { state: "active" }, signal: ctx.signal });
    const data = parseAnswer(targets, promData(res.body, "Prometheus targets").data, "Prometheus targets");
    return { targets: data.activeTargets, link: safeLink(ctx.http.resolve("/targets")) };
  },
  normalise,
});

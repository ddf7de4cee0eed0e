/**
 * `uptime-kuma`: the monitors of a public Uptime Kuma status page, each by its
 * latest heartbeat, and their 24-hour uptime.
 * @see https://github.com/louislam/uptime-kuma/blob/master/server/routers/status-page-router.js
 *   (`GET /api/status-page/:slug` → config + publicGroupList; `GET /api/status-page/heartbeat/:slug` → heartbeatList + uptimeList)
 * @see https://github.com/louislam/uptime-kuma/blob/master/src/util.ts (DOWN 0, UP 1, PENDING 2, MAINTENANCE 3)
 */
import { z } from "zod";
import { STATUS_RANK, type Status, type TileFields, type TileItem } from "../contract.ts";
import { ago } from "../durations.ts";
import { appendSeries, roundValue } from "../series.ts";
import { safeLink } from "../links.ts";
import { parseAnswer } from "./lib/answer-shape.ts";
import { defineSource } from "./define.ts";

export const params = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9-]+$/i, "a status page slug is letters, digits and dashes")
    .describe("The status page's slug, as in /status/<slug>."),
  limit: z.number().int().min(0).max(100).default(20).describe("How many monitors to list, worst first."),
});
type Params = z.infer<typeof params>;

/** Heartbeat `status`. Maintenance is deliberate: shown as such, never red, never counted as up. */
export const BEAT: Readonly<Record<number, { word: string; status: Status | "maintenance" }>> = {
  0: { word: "down", status: "fail" },
  1: { word: "up", status: "ok" },
  2: { word: "pending", status: "warn" },
  3: { word: "maintenance", status: "maintenance" },
};

const page = z
  .object({
    config: z.object({ title: z.string().optional(), slug: z.string().optional() }).loose().optional(),
    publicGroupList: z.array(
      z
        .object({
          name: z.string().optional(),
          monitorList: z.array(z.object({ id: z.number(), name: z.string() }).loose()),
        })
        .loose(),
    ),
  })
  .loose();
// Newer servers put 0 in heartbeatList for an empty bucket of the bar.
const beat = z.union([
  z.literal(0),
  z.object({ status: z.number(), time: z.string(), msg: z.string().nullish(), ping: z.number().nullish() }).loose(),
]);
const beats = z
  .object({ heartbeatList: z.record(z.string(), z.array(beat)), uptimeList: z.record(z.string(), z.number()) })
  .loose();

export interface Answer {
  page: unknown;
  heartbeats: unknown;
  /** The status page's own URL, for the tile's link. */
  link: string;
}

/** Uptime Kuma 1.x writes beat times as "2026-12-01 08:59:30.123" in UTC, without a zone. */
function beatTime(t: string): string {
  const iso = /[zZ]|[+-]\d\d:?\d\d$/.test(t) ? t : `${t.replace(" ", "T")}Z`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? t : new Date(ms).toISOString();
}

export function toTileFields(
  answer: Answer,
  p: Params,
  now: Date,
  previous?: { series?: TileFields["series"] },
): TileFields {
  const monitors = parseAnswer(page, answer.page, "Uptime Kuma status page").publicGroupList.flatMap(
    (g) => g.monitorList,
  );
  const { heartbeatList, uptimeList } = parseAnswer(beats, answer.heartbeats, "Uptime Kuma heartbeats");
  const strange: string[] = [];
  let maintenance = 0;
  const judged = monitors.map((m) => {
    const list = (heartbeatList[String(m.id)] ?? []).filter((b) => b !== 0);
    const last = list[list.length - 1];
    // 1.x keys the 24-hour uptime "<id>_24"; 2.x keys the page's range by "<id>".
    const uptime = uptimeList[`${m.id}_24`] ?? uptimeList[String(m.id)];
    if (!last) return { m, status: "unknown" as Status, word: "no heartbeat yet", uptime };
    const known = BEAT[last.status];
    if (!known) strange.push(`heartbeat status ${JSON.stringify(last.status)} (${m.name})`);
    if (known?.status === "maintenance") maintenance++;
    return {
      m,
      last,
      uptime,
      word: known?.word ?? `status ${last.status}`,
      status: (known ? (known.status === "maintenance" ? "ok" : known.status) : "unknown") as Status,
      maint: known?.status === "maintenance",
    };
  });
  const rank = (j: (typeof judged)[number]) => ("maint" in j && j.maint ? 5 : STATUS_RANK[j.status]);
  const sorted = [...judged].sort((a, b) => rank(a) - rank(b) || a.m.name.localeCompare(b.m.name));
  const items: TileItem[] = sorted.slice(0, p.limit).map((j) => ({
    title: j.m.name,
    // A monitor in maintenance gets no colour of its own.
    status: "maint" in j && j.maint ? undefined : j.status,
    detail: [
      j.word,
      "last" in j && j.last?.msg ? j.last.msg : undefined,
      j.uptime !== undefined ? `${roundValue(j.uptime * 100)} % 24 h` : undefined,
      "last" in j && j.last ? ago(beatTime(j.last.time), now) : undefined,
    ]
      .filter(Boolean)
      .join(" · "),
    at: "last" in j && j.last ? beatTime(j.last.time) : undefined,
  }));
  const counted = judged.filter((j) => !("maint" in j && j.maint));
  let status: Status = counted.reduce<Status>((w, j) => (STATUS_RANK[j.status] < STATUS_RANK[w] ? j.status : w), "ok");
  if (monitors.length === 0) status = "unknown";
  if (strange.length && status !== "fail") status = "unknown";
  const down = judged.filter((j) => j.status === "fail").map((j) => j.m.name);
  const pending = judged.filter((j) => j.word === "pending").length;
  const parts = [
    down.length
      ? `${down.length} down: ${down.slice(0, 3).join(", ")}`
      : `${counted.filter((j) => j.status === "ok").length} of ${monitors.length} up`,
    pending ? `${pending} pending` : "",
    maintenance ? `${maintenance} in maintenance` : "",
  ].filter(Boolean);
  const uptimes = judged.map((j) => j.uptime).filter((u): u is number => typeof u === "number" && Number.isFinite(u));
  const lowest = uptimes.length ? roundValue(Math.min(...uptimes) * 100) : undefined;
  return {
    status,
    summary: monitors.length ? parts.join(" · ") : "the status page lists no monitors",
    items,
    url: safeLink(answer.link),
    ...(lowest !== undefined
      ? { value: lowest, unit: "%", series: appendSeries(previous?.series, { t: now.getTime(), v: lowest }) }
      : {}),
    error: strange.length
      ? `unknown Uptime Kuma ${strange.join(", ")}`
      : monitors.length
        ? undefined
        : "no public monitors on this status page",
  };
}

export default defineSource<typeof params, Answer>({
  kind: "uptime-kuma",
  connection: "uptime-kuma",
  family: "list",
  description:
    "Monitors of a public Uptime Kuma status page by their latest heartbeat: down → fail, pending → warn; 24 h uptime as the value.",
  params,
  notes: [
    "Reads `GET /api/status-page/<slug>` (the page's public monitors) and `GET /api/status-page/heartbeat/<slug>`",
    "(heartbeats and uptimes). Each monitor's latest heartbeat decides: 0 down → fail, 1 up → ok, 2 pending → warn",
    "(shown as pending), 3 maintenance → shown as such and not counted either way. A monitor without a heartbeat yet,",
    "or an undocumented status value, makes the tile `unknown` (the value named); so does a page with no monitors.",
    "The value and sparkline are the lowest 24-hour uptime among the monitors (`uptimeList`, `<id>_24` in 1.x).",
    "Uptime Kuma caches these answers (1–5 minutes), so a change can take that long to show.",
  ].join("\n"),
  async load(ctx, p) {
    const slug = encodeURIComponent(p.slug.toLowerCase());
    const pageBody = (await ctx.http.json(`/api/status-page/${slug}`, { signal: ctx.signal })).body;
    const heartbeats = (await ctx.http.json(`/api/status-page/heartbeat/${slug}`, { signal: ctx.signal })).body;
    return { page: pageBody, heartbeats, link: ctx.http.resolve(`/status/${slug}`) };
  },
  normalise: (answer, p, { now, previous }) => toTileFields(answer, p, now, previous),
});

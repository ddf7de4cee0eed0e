/**
 * A fake Alertmanager for the bench (`GET /api/v2/alerts?filter=team="X"`), on node:http: each team's
 * answer is a fixed list of alerts with an ETag; `bump(team)` changes one summary, so the next poll
 * of that team's tile is a patch, and every other poll is a 304.
 */
import { createServer, type Server } from "node:http";

export interface FakeAlertmanager {
  url: string;
  bump(team: string): void;
  counts(): { requests: number; notModified: number };
  close(): Promise<void>;
}

/** The answer's shape: by default ~2.7 KB of tile on the wire, eight alerts with labels and a summary each. */
export interface AlertsShape {
  /** alerts per team */
  count: number;
  /** characters added to each alert's summary (a bigger tile) */
  pad: number;
}

function alerts(team: string, version: number, { count, pad }: AlertsShape) {
  const more = pad
    ? ` ${"runbook: check the load balancer, the pool and the disk; ".repeat(pad / 56 + 1).slice(0, pad)}`
    : "";
  return Array.from({ length: count }, (_, i) => ({
    labels: { alertname: `HighLatency${i}`, team, severity: i < 2 ? "critical" : "warning", instance: `web-${i}:9100` },
    annotations: { summary: `p99 latency of web-${i} is over 800 ms for 10 min (check ${version})${more}` },
    startsAt: "2026-11-29T08:00:00.000Z",
    endsAt: "2026-11-29T12:00:00.000Z",
    updatedAt: "2026-11-29T09:00:00.000Z",
    fingerprint: `${team}-${i}`,
    generatorURL: `http://prometheus.example:9090/graph?g0.expr=latency${i}`,
    receivers: [{ name: "radiator" }],
    status: { state: "active", silencedBy: [], inhibitedBy: [] },
  }));
}

export async function fakeAlertmanager(shape: AlertsShape = { count: 8, pad: 0 }): Promise<FakeAlertmanager> {
  const versions = new Map<string, number>();
  const bodies = new Map<string, { etag: string; body: string }>();
  let requests = 0;
  let notModified = 0;
  const answer = (team: string) => {
    const v = versions.get(team) ?? 0;
    let b = bodies.get(team);
    if (!b || b.etag !== `"${team}-${v}"`) {
      b = { etag: `"${team}-${v}"`, body: JSON.stringify(alerts(team, v, shape)) };
      bodies.set(team, b);
    }
    return b;
  };
  const server: Server = createServer((req, res) => {
    requests++;
    const filter = new URL(req.url ?? "/", "http://x").searchParams.get("filter") ?? "";
    const team = /team="([^"]+)"/.exec(filter)?.[1] ?? "none";
    const { etag, body } = answer(team);
    if (req.headers["if-none-match"] === etag) {
      notModified++;
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json", etag }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    bump: (team) => versions.set(team, (versions.get(team) ?? 0) + 1),
    counts: () => ({ requests, notModified }),
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** One alertmanager tile per team on the fake upstream (the bench's tile); `more` adds parameters (a `limit`). */
export function alertmanagerTile(team: string, every: string, more: object = {}) {
  return {
    id: team,
    title: `Alerts ${team}`,
    kind: "alertmanager",
    connection: "am",
    filter: [`team="${team}"`],
    every,
    ...more,
  };
}

/**
 * A bench config: boards of alertmanager tiles on the fake upstream. With `webhooks` the connection has the
 * webhook secret (`AM_SECRET`, which startCollector sets), so the bench can nudge polls.
 */
export function alertmanagerConfig(
  url: string,
  boards: { id: string; title: string; tiles: object[] }[],
  webhooks = false,
): object {
  const am = webhooks ? { type: "alertmanager", url, webhookSecret: "${AM_SECRET}" } : { type: "alertmanager", url };
  return { title: boards[0]!.title, connections: { am }, boards };
}

/** A validated config turned into what the scheduler and store run: one plan per tile. */
import { createHash } from "node:crypto";
import { commonTileKeys, type Config, type TileConfig } from "./config/schema.ts";
import type { ConnectionConfig } from "./connections/define.ts";
import type { SourceDefinition } from "./sources/define.ts";
import { sourceDefinition } from "./sources/index.ts";
import { parseDuration } from "./durations.ts";
import type { BoardInfo, NightSchedule, TileFamily } from "./contract.ts";
import type { WardenConfig } from "./warden/config.ts";

export interface TilePlan {
  id: string;
  board: string;
  title: string;
  kind: string;
  def: SourceDefinition;
  /** The kind's own parameters, validated and defaulted. */
  params: Record<string, unknown>;
  connectionName?: string;
  connection?: ConnectionConfig;
  /** A tile-level API root that overrides the connection's. */
  urlOverride?: string;
  everyMs: number;
  staleAfterMs: number;
  timeoutMs: number;
  /** Tiles with the same key (kind, connection, parameters) share one poll, even across boards. */
  pollKey: string;
  /** A CI tile that deploys: its completed runs count as deploys for the DORA stats. */
  deploy?: boolean;
  /** A metric tile's deploy sources and how a change after a deploy is judged. */
  deploys?: DeployWatch;
}

export interface DeployWatch {
  sources: string[];
  threshold: number;
  direction: "up" | "down";
  status: "warn" | "fail";
  beforeMs: number;
  afterMs: number;
}

export interface Plan {
  title: string;
  night?: NightSchedule;
  boards: BoardInfo[];
  tiles: TilePlan[];
  /** kind → family, for the page's view map. */
  families: Record<string, TileFamily>;
  writeToken?: string;
  warden?: WardenConfig;
  retentionMs?: number;
}

export function planFrom(config: Config): Plan {
  const tiles: TilePlan[] = [];
  for (const board of config.boards) {
    for (const t of board.tiles) tiles.push(tilePlan(config, board.id, t));
  }
  return {
    title: config.title,
    boards: config.boards.map((b) => ({
      id: b.id,
      title: b.title,
      tiles: b.tiles.map((t) => t.id),
      ...(b.layout ? { layout: b.layout } : {}),
    })),
    ...(config.night ? { night: config.night } : {}),
    tiles,
    families: Object.fromEntries(tiles.map((t) => [t.kind, t.def.family])),
    writeToken: config.writeToken,
    warden: config.warden,
    retentionMs: parseDuration(config.history.retention)!,
  };
}

function tilePlan(config: Config, board: string, t: TileConfig): TilePlan {
  const def = sourceDefinition(t.kind)!;
  const raw = t as Record<string, unknown>;
  const params: Record<string, unknown> = {};
  const common = commonTileKeys(def);
  for (const [k, v] of Object.entries(raw)) if (!common.has(k)) params[k] = v;
  const connectionName = def.connection ? (raw.connection as string) : undefined;
  const connection = connectionName ? (config.connections[connectionName] as ConnectionConfig) : undefined;
  const urlOverride = def.connection ? (raw.url as string | undefined) : undefined;
  const everyMs = parseDuration(t.every ?? def.every ?? config.defaults.every)!;
  const deploys = deployWatch(raw);
  const pollKey = createHash("sha256")
    .update(
      JSON.stringify([
        t.kind,
        connectionName,
        connection ? stable(connection) : null,
        urlOverride ?? null,
        stable(params),
        everyMs,
        t.timeout ?? config.defaults.timeout,
        // the deploy comparison is part of the poll (a range query), so tiles that differ in it poll apart
        deploys ?? null,
      ]),
    )
    .digest("base64url")
    .slice(0, 16);
  return {
    id: t.id,
    board,
    title: t.title,
    kind: t.kind,
    def,
    params,
    connectionName,
    connection,
    urlOverride,
    everyMs,
    staleAfterMs: t.staleAfter ? parseDuration(t.staleAfter)! : 3 * everyMs,
    timeoutMs: parseDuration(t.timeout ?? config.defaults.timeout)!,
    pollKey,
    ...(t.deploy ? { deploy: true } : {}),
    ...(deploys ? { deploys } : {}),
  };
}

function deployWatch(raw: Record<string, unknown>): DeployWatch | undefined {
  if (!Array.isArray(raw.deploys)) return undefined;
  const r = (raw.regression ?? {}) as Partial<
    Record<"threshold" | "direction" | "status" | "before" | "after", unknown>
  >;
  return {
    sources: raw.deploys as string[],
    threshold: (r.threshold as number | undefined) ?? 0.2,
    direction: (r.direction as DeployWatch["direction"] | undefined) ?? "up",
    status: (r.status as DeployWatch["status"] | undefined) ?? "warn",
    beforeMs: parseDuration((r.before as string | undefined) ?? "30m")!,
    afterMs: parseDuration((r.after as string | undefined) ?? "30m")!,
  };
}

/** JSON with sorted keys, so equal objects give equal keys. */
export function stable(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

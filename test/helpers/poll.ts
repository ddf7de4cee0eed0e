/**
 * Polls one tile the way the collector does (validated params, the connection's
 * own client) without the scheduler: for contract tests against fake upstreams.
 */
import type { z } from "zod";
import type { HistoryEntry, Tile, TileFields } from "../../collector/contract.ts";
import { sourceDefinition } from "../../collector/sources/index.ts";
import { runSource } from "../../collector/sources/define.ts";
import { connectionClient, connectionDefinition } from "../../collector/connections/lib/client.ts";
import { connectionSchema, type ConnectionConfig } from "../../collector/connections/define.ts";
import { HttpClient } from "../../collector/http-client.ts";
import { pollContext, type PollClient } from "../../collector/poll-context.ts";

export interface PollOptions {
  now?: Date;
  previous?: Tile;
  history?: HistoryEntry[];
  /** Reuse a client across polls (ETag cache, rate-limit state), as the collector does. */
  http?: HttpClient;
  timeoutMs?: number;
  /** The poll job's scratch memory, kept across polls as the scheduler does. */
  memo?: Map<string, unknown>;
}

export function makeClient(connection: Record<string, unknown> | undefined, timeoutMs?: number): PollClient {
  if (!connection) return { http: new HttpClient(timeoutMs ? { timeoutMs } : {}) };
  const def = connectionDefinition(String(connection.type));
  if (!def) throw new Error(`no connection type ${String(connection.type)}`);
  const config = connectionSchema(def).parse(connection) as ConnectionConfig;
  return connectionClient("test", config, timeoutMs ? { timeoutMs } : {});
}

export async function pollTile(
  kind: string,
  params: Record<string, unknown>,
  connection?: Record<string, unknown>,
  opts: PollOptions = {},
): Promise<TileFields> {
  const def = sourceDefinition(kind);
  if (!def) throw new Error(`no source kind ${kind}`);
  const parsed = def.params.parse(params) as z.infer<typeof def.params>;
  const client = makeClient(connection, opts.timeoutMs);
  return runSource(
    def,
    pollContext(
      { ...client, http: opts.http ?? client.http },
      {
        now: opts.now ?? new Date(),
        signal: AbortSignal.timeout(30_000),
        previous: opts.previous,
        history: opts.history ?? [],
        ...(opts.memo ? { memo: opts.memo } : {}),
      },
    ),
    parsed,
  );
}

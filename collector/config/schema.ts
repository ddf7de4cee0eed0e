/**
 * The config schema: the single source of truth for types, defaults, error
 * messages, `radiator check` and `config/schema.json`. The tile union is built
 * from the source registry and the connection union from the connection
 * registry, so a new kind needs no edit here.
 */
import { z } from "zod";
import { securityKeys } from "./security.ts";
import { sourceDefinition, sourceList } from "../sources/index.ts";
import { connectionList } from "../connections/index.ts";
import { connectionSchema } from "../connections/define.ts";
import type { SourceDefinition } from "../sources/define.ts";
import { DURATION_PATTERN } from "../durations.ts";
import { jsonPath, type ConfigIssue } from "./errors.ts";
import { wardenSchema } from "../warden/config.ts";
import { deployFields, deployIssues, type RawTile } from "./deploys.ts";

export const duration = z
  .string()
  .regex(new RegExp(DURATION_PATTERN), { error: 'must be a duration such as "30s", "5m" or "1h"' });

const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { error: "must be letters, digits, '-', '_' or '.' (it appears in URLs)" });

const commonTileFields = {
  id: id.describe("Unique across the file; appears in URLs."),
  title: z.string().min(1).describe("Shown on the tile."),
  every: duration.optional().describe("Poll interval; default from `defaults.every`."),
  staleAfter: duration
    .optional()
    .describe("Without a successful poll for this long the tile turns unknown; default 3 × every."),
  timeout: duration.optional().describe("Give up on a poll after this long; default from `defaults.timeout`."),
  deploy: z
    .boolean()
    .optional()
    .describe("This CI tile deploys: its completed runs count as deployments in the DORA stats."),
};

function tileSchema(def: SourceDefinition) {
  const connectionFields = def.connection
    ? {
        connection: z.string().describe(`Name of a \`${def.connection}\` connection under \`connections\`.`),
        url: z
          .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
          .optional()
          .describe("API root for this tile only, instead of the connection's."),
      }
    : {};
  return z
    .object({
      ...commonTileFields,
      kind: z.literal(def.kind),
      ...connectionFields,
      ...(def.family === "metric" ? deployFields : {}),
      ...def.params.shape,
    })
    .strict()
    .describe(def.description);
}

/**
 * The keys of a kind's tile that are not its own parameters (id, title, kind, every…, and
 * `connection`/`url` when it has a connection; a kind without one may take `url` as a parameter).
 */
export function commonTileKeys(def: SourceDefinition): ReadonlySet<string> {
  const own = new Set(Object.keys(def.params.shape));
  return new Set(Object.keys(tileSchema(def).shape).filter((k) => !own.has(k)));
}

export const tile = z.discriminatedUnion(
  "kind",
  sourceList.map(tileSchema) as unknown as [ReturnType<typeof tileSchema>, ...ReturnType<typeof tileSchema>[]],
  {
    error: (iss) =>
      iss.code === "invalid_union" && iss.input && typeof iss.input === "object"
        ? `unknown kind ${JSON.stringify((iss.input as { kind?: unknown }).kind)}; expected one of ${sourceList.map((s) => s.kind).join(", ")}`
        : undefined,
  },
);

const connection =
  connectionList.length > 0
    ? z.discriminatedUnion(
        "type",
        connectionList.map(connectionSchema) as unknown as [
          ReturnType<typeof connectionSchema>,
          ...ReturnType<typeof connectionSchema>[],
        ],
        {
          error: (iss) =>
            iss.code === "invalid_union" && iss.input && typeof iss.input === "object"
              ? `unknown connection type ${JSON.stringify((iss.input as { type?: unknown }).type)}; expected one of ${connectionList.map((c) => c.type).join(", ")}`
              : undefined,
        },
      )
    : z.never();

export const board = z
  .object({
    id: id.describe("Unique across the file; `?board=ID` on the page."),
    title: z.string().min(1),
    tiles: z.array(tile).describe("Shown in this order."),
    layout: z
      .enum(["attention", "fixed"])
      .optional()
      .describe(
        "`attention`: failing first, then warning, unknown, running, ok; ok tiles shrink to a strip. Default `fixed`.",
      ),
  })
  .strict();

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "expected a time like 20:00" });

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    title: z.string().default("Radiator").describe("Shown in the page header."),
    connections: z
      .record(z.string(), connection)
      .default({})
      .describe("Shared URLs and credentials, by name. Secrets belong in `${ENV_VARS}`."),
    defaults: z
      .object({
        every: duration.default("30s").describe("Poll interval for tiles that set none."),
        timeout: duration.default("10s").describe("Per-poll timeout."),
      })
      .strict()
      .default({ every: "30s", timeout: "10s" }),
    boards: z.array(board).min(1, { error: "needs at least one board" }),
    ...securityKeys,
    writeToken: z
      .string()
      .min(8, { error: "must be at least 8 characters" })
      .optional()
      .describe(
        "Shared secret every write needs (claims, webhooks without their own secret); env RADIATOR_WRITE_TOKEN. Use `${VAR}`.",
      ),
    warden: wardenSchema.optional().describe("The fire warden shown in the header: a rota or an on-call tile."),
    history: z
      .object({
        retention: duration.default("90d").describe("How long status changes, values and claims are kept."),
      })
      .strict()
      .default({ retention: "90d" }),
    cluster: z
      .object({
        redis: z
          .string()
          .regex(/^rediss?:\/\//, { error: "must start with redis:// or rediss://" })
          .optional()
          .describe(
            "redis://[user:password@]HOST:PORT/DB; put a password in `${REDIS_PASSWORD}`. `--cluster` overrides it; neither: one process, no Redis.",
          ),
        leaseTtl: duration
          .default("10s")
          .describe("The leader's lease: a dead leader is replaced within about this long. Renewed every third of it."),
        prefix: z
          .string()
          .regex(/^[A-Za-z0-9_.:-]+$/, { error: "letters, digits, '_', '.', ':' or '-'" })
          .default("radiator")
          .describe("Start of every Redis key and channel, so several radiators can share one Redis."),
      })
      .strict()
      .optional()
      .describe("Run as one replica of a cluster on Redis: one leader polls, every replica serves screens."),
    night: z
      .object({
        from: clock.describe("Local time on the screen when the dimming starts."),
        to: clock.describe("Local time when it ends (may be the next morning)."),
        dim: z.number().min(0.05).max(1).default(0.3).describe("Brightness at night, 0.05–1."),
      })
      .strict()
      .optional()
      .describe('Dims every screen at night, e.g. {from: "20:00", to: "07:00", dim: 0.3}.'),
  })
  .strict();

type Raw = {
  connections?: Record<string, { type?: unknown }>;
  boards?: { id?: unknown; tiles?: RawTile[] }[];
};

/**
 * Checks across the file (unique ids, connections that exist and fit the kind),
 * run on the raw input so they are reported together with the schema's own issues.
 */
export function crossCheck(input: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const cfg = (input && typeof input === "object" ? input : {}) as Raw;
  const connections = cfg.connections && typeof cfg.connections === "object" ? cfg.connections : {};
  const boards = Array.isArray(cfg.boards) ? cfg.boards : [];
  const boardIds = new Set<unknown>();
  const tileIds = new Map<unknown, string>();
  boards.forEach((b, bi) => {
    if (!b || typeof b !== "object") return;
    if (boardIds.has(b.id)) issues.push({ path: `boards[${bi}].id`, message: `duplicate board id "${String(b.id)}"` });
    boardIds.add(b.id);
    (Array.isArray(b.tiles) ? b.tiles : []).forEach((t, ti) => {
      if (!t || typeof t !== "object") return;
      const where = `boards[${bi}].tiles[${ti}]`;
      const first = tileIds.get(t.id);
      if (first)
        issues.push({ path: `${where}.id`, message: `duplicate tile id "${String(t.id)}" (first used at ${first})` });
      else if (t.id !== undefined) tileIds.set(t.id, where);
      const wanted = sourceDefinition(String(t.kind))?.connection;
      if (!wanted || typeof t.connection !== "string") return;
      const conn = connections[t.connection];
      if (!conn) {
        const known = Object.keys(connections);
        issues.push({
          path: `${where}.connection`,
          message: `no connection named "${t.connection}"${known.length ? `; defined: ${known.join(", ")}` : " (add it under \`connections\`)"}`,
        });
      } else if (conn.type !== wanted) {
        issues.push({
          path: `${where}.connection`,
          message: `kind "${String(t.kind)}" needs a "${wanted}" connection, but "${t.connection}" is of type "${String(conn.type)}"`,
        });
      }
    });
  });
  issues.push(...deployIssues(boards));
  return issues;
}

export type Config = z.output<typeof configSchema>;
export type TileConfig = z.output<typeof tile>;

/** The JSON Schema that `radiator schema` prints and config/schema.json holds. */
export function jsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return { ...schema, title: "Radiator configuration", $id: "https://radiator.invalid/schema.json" };
}

/**
 * A kind's own checks across its parameters (`.refine()` on its params, e.g.
 * "needs `schedule` or `escalationPolicy`"): the tile union spreads only the
 * params' shape, so they run here, on the validated config.
 */
export function kindCheck(config: Config): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  config.boards.forEach((b, bi) =>
    b.tiles.forEach((t, ti) => {
      const def = sourceDefinition(t.kind)!;
      const own = Object.fromEntries(
        Object.keys(def.params.shape)
          .filter((k) => k in t)
          .map((k) => [k, (t as Record<string, unknown>)[k]]),
      );
      const result = def.params.safeParse(own);
      if (!result.success) {
        for (const i of result.error.issues)
          issues.push({ path: jsonPath(["boards", bi, "tiles", ti, ...i.path]), message: i.message });
      }
    }),
  );
  return issues;
}

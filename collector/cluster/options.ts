/**
 * Cluster settings: `--cluster redis://…` or the config's `cluster.redis`, the lease TTL and the
 * key prefix. The Redis URL may carry a password (from `${VAR}`); it is a secret like any other and
 * only `describe()` (no credentials) is ever logged or shown.
 */
import { parseDuration } from "../durations.ts";

export const DEFAULT_LEASE_TTL_MS = 10_000;
export const DEFAULT_PREFIX = "radiator";

export interface ClusterOptions {
  /** redis://[user:password@]host:port/db */
  redis: string;
  leaseTtlMs: number;
  /** Keys and channels start with `<prefix>:`, so two radiators can share one Redis. */
  prefix: string;
  /** This replica's name in the lease and in logs; default host:port of its HTTP server. */
  replicaId?: string;
}

export class ClusterUrlError extends Error {}

/** Checks the URL before anything connects; the message never repeats the URL (it may hold a password). */
export function checkRedisUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ClusterUrlError("the cluster address is not a URL; expected redis://HOST:PORT/DB");
  }
  if (u.protocol !== "redis:" && u.protocol !== "rediss:")
    throw new ClusterUrlError(`the cluster address must start with redis:// or rediss://, not ${u.protocol}//`);
  const db = u.pathname.replace(/^\//, "");
  if (db !== "" && !/^\d+$/.test(db)) throw new ClusterUrlError("the cluster address's database must be a number");
}

/** The password (and user) in the URL, for the redactor. */
export function redisSecrets(url: string): string[] {
  try {
    const u = new URL(url);
    return [decodeURIComponent(u.password), u.password].filter((s) => s.length > 0);
  } catch {
    return [];
  }
}

/** host:port/db without credentials: what logs and errors may name. */
export function describeRedis(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === "/" ? "" : u.pathname}`;
  } catch {
    return "redis (unparseable address)";
  }
}

/** The config's `cluster` section as parsed (durations still text). */
export interface ClusterConfig {
  redis?: string;
  leaseTtl: string;
  prefix: string;
}

/** `--cluster` wins over `cluster.redis`; neither: undefined, the single-process default. */
export function clusterOptions(
  cliUrl: string | undefined,
  config: ClusterConfig | undefined,
): { options: ClusterOptions; secrets: string[] } | undefined {
  const redis = cliUrl ?? config?.redis;
  if (!redis) return undefined;
  checkRedisUrl(redis);
  const leaseTtlMs = config ? (parseDuration(config.leaseTtl) ?? DEFAULT_LEASE_TTL_MS) : DEFAULT_LEASE_TTL_MS;
  if (leaseTtlMs < 300) throw new ClusterUrlError("cluster.leaseTtl must be at least 300ms");
  return {
    options: { redis, leaseTtlMs, prefix: config?.prefix ?? DEFAULT_PREFIX },
    secrets: redisSecrets(redis),
  };
}

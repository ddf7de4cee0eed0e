/** The Redis connections of one replica and the scripts defined on them. */
import { Redis } from "ioredis";
import { ACQUIRE, RELEASE, RENEW, WRITE } from "./scripts.ts";

type Script = (...args: (string | number | Buffer)[]) => Promise<unknown>;

export interface ClusterRedis {
  /** Commands and scripts; fails fast while Redis is away (no offline queue). */
  main: Redis;
  /** Subscriber connection (relay frames, commands, replies); resubscribes by itself. */
  sub: Redis;
  acquire: Script;
  renew: Script;
  release: Script;
  write: Script;
  close(): Promise<void>;
}

export function connectRedis(url: string, commandTimeoutMs: number): ClusterRedis {
  const common = {
    lazyConnect: true,
    // Retry forever, at most every 1 s: Redis coming back must heal the cluster by itself.
    retryStrategy: (times: number) => Math.min(100 * times, 1000),
    // ioredis would print the address (with any password) on unhandled errors; errors are handled.
    showFriendlyErrorStack: false,
  };
  const main = new Redis(url, {
    ...common,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
  });
  const sub = new Redis(url, { ...common, maxRetriesPerRequest: null });
  main.defineCommand("radiatorAcquire", { numberOfKeys: 2, lua: ACQUIRE });
  main.defineCommand("radiatorRenew", { numberOfKeys: 1, lua: RENEW });
  main.defineCommand("radiatorRelease", { numberOfKeys: 1, lua: RELEASE });
  main.defineCommand("radiatorWrite", { numberOfKeys: 5, lua: WRITE });
  const scripts = main as unknown as Record<string, Script>;
  return {
    main,
    sub,
    acquire: (...a) => scripts.radiatorAcquire!(...a),
    renew: (...a) => scripts.radiatorRenew!(...a),
    release: (...a) => scripts.radiatorRelease!(...a),
    write: (...a) => scripts.radiatorWrite!(...a),
    async close() {
      main.disconnect();
      sub.disconnect();
    },
  };
}

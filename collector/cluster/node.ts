/**
 * One replica of a cluster: every replica serves the page, API and WebSockets from its own
 * store; only the lease holder runs the scheduler, and its store's patches are written to Redis
 * (fenced) and published in one step. Followers take the leader's tiles into their store and
 * hand the leader's bytes to their screens. See docs/scaling.md for what happens when Redis is away.
 */
import type { Runtime } from "../runtime.ts";
import type { Scheduler } from "../scheduler.ts";
import type { Patch } from "../store.ts";
import type { TileEvent } from "../contract.ts";
import { clusterKeys } from "./keys.ts";
import { clusterMetrics } from "./metrics.ts";
import { connectRedis } from "./redis.ts";
import { Lease } from "./lease.ts";
import { PatchEncoder, partsLookup, patchOf } from "./relay.ts";
import { decodeFrame, encodeFrame, type Frame } from "./frame.ts";
import { readState, writeState } from "./state.ts";
import {
  CommandClient,
  parseCommand,
  runCommand,
  type ClaimResult,
  type Command,
  type CommandResult,
} from "./commands.ts";
import { describeRedis, type ClusterOptions } from "./options.ts";

export const REDIS_DOWN_NOTICE =
  "Shared state (Redis) unreachable: tiles are not refreshed and turn grey as their data ages.";
export const REDIS_BACK_NOTICE = "Shared state (Redis) reachable again.";

/** What the routes see of the cluster (Runtime.cluster). */
export interface ClusterHandle {
  readonly leader: boolean;
  claim(id: string, by: string, note: string): Promise<ClaimResult>;
  release(id: string): Promise<ClaimResult>;
  /** A webhook polls on the leader, wherever it arrived: the number of polls nudged. */
  nudge(webhook: string, payload: unknown): Promise<number | "unavailable">;
}

export interface ClusterNode extends ClusterHandle {
  /** The config was reloaded: new boards for the relay, new plans for the scheduler if leading. */
  replan(): void;
  /** Claims, releases and fixes made here, to ride along with the next frame. */
  event(e: TileEvent): void;
  stop(): Promise<void>;
}

export interface ClusterDeps {
  options: ClusterOptions;
  replica: string;
  runtime: Runtime;
  /** A scheduler for the store (the leader's); made anew on each lease. */
  makeScheduler(): Scheduler;
  /** Tiles were taken from the leader (the store tells no listeners then): e.g. the fire warden looks again. */
  adopted?: () => void;
  now?: () => number;
}

export async function startCluster(deps: ClusterDeps): Promise<ClusterNode> {
  const { options, replica, runtime } = deps;
  const { store, hub, services } = runtime;
  const now = deps.now ?? Date.now;
  const keys = clusterKeys(options.prefix);
  const metrics = clusterMetrics(services.metrics.registry);
  const where = describeRedis(options.redis);
  const redis = connectRedis(options.redis, Math.max(200, Math.min(2000, options.leaseTtlMs / 3)));
  const encoder = new PatchEncoder(runtime.plan.boards);
  const events: TileEvent[] = [];
  let redisUp: boolean | undefined;
  /** This store holds changes Redis has not seen (a follower's own sweep, a write that failed). */
  let diverged = false;
  let needsFull = false;
  let writing = Promise.resolve();
  let stopped = false;

  const idle = () => {
    const s = deps.makeScheduler();
    s.stop();
    return s;
  };
  runtime.scheduler.stop();
  runtime.scheduler = idle();
  metrics.leader.set(0);

  const setRedis = (up: boolean, error?: string) => {
    if (up === redisUp) return;
    const first = redisUp === undefined;
    redisUp = up;
    metrics.redisUp.set(up ? 1 : 0);
    if (!up) {
      services.log("warn", `cluster: Redis at ${where} unreachable${error ? `: ${error}` : ""}`);
      hub.sendNotice("error", REDIS_DOWN_NOTICE);
      return;
    }
    if (first) return;
    services.log("info", `cluster: Redis at ${where} reachable again`);
    hub.sendNotice("info", REDIS_BACK_NOTICE);
    if (lease.leading) needsFull = true;
    else void resync();
  };

  const lease = new Lease(
    redis,
    keys,
    replica,
    options.leaseTtlMs,
    metrics,
    {
      gained: (fence) => becomeLeader(fence),
      lost: (reason) => {
        runtime.scheduler.stop();
        runtime.scheduler = idle();
        services.log("warn", `cluster: stopped polling, following now (${reason})`);
      },
      redis: setRedis,
    },
    now,
  );

  async function becomeLeader(fence: number): Promise<void> {
    let state;
    try {
      state = await readState(redis, keys);
    } catch (err) {
      lease.stepDown(`cannot read the shared state: ${(err as Error).message}`);
      return;
    }
    if (state) {
      const moved = state.rev !== store.rev || diverged;
      store.adopt(state.tiles, [], state.rev);
      deps.adopted?.();
      if (moved) hub.resnapshot();
    }
    diverged = false;
    needsFull = true;
    services.log("info", `cluster: leader now (fencing token ${fence}); polling upstream`);
    queueWrite({ rev: store.rev, tiles: [], removed: [] }, new Map());
    runtime.scheduler = deps.makeScheduler();
    runtime.scheduler.apply(runtime.plan.tiles);
  }

  function queueWrite(patch: Patch, parts: Map<string, Buffer>): void {
    const fence = lease.fence;
    const full = needsFull;
    needsFull = false;
    const taken = events.splice(0);
    const frame = encodeFrame({ v: 1, rev: patch.rev, from: replica, fence, full, events: taken }, parts);
    const tiles = full ? store.all() : patch.tiles;
    writing = writing.then(async () => {
      if (lease.fence !== fence) return;
      try {
        const ok = await writeState(redis, keys, {
          fence,
          rev: patch.rev,
          writer: replica,
          full,
          frame,
          tiles,
          removed: patch.removed,
        });
        if (ok) {
          metrics.published.inc();
          return;
        }
        metrics.fenced.inc();
        lease.stepDown("a newer leader holds the fencing token; this replica's write was refused");
      } catch (err) {
        // Redis will get the whole state once it answers again.
        needsFull = true;
        setRedis(false, (err as Error).message);
      }
    });
  }

  // Every change of this store: to this replica's screens with the relay's bytes, and to Redis when leading.
  hub.detachStore();
  const offPatch = store.onPatch((patch) => {
    const parts = encoder.encode(patch);
    hub.deliver(patch, partsLookup(parts));
    if (lease.leading) queueWrite(patch, parts);
    else {
      // Woken after a pause past the lease (SIGSTOP, a stall): stop polling before anything else.
      if (lease.fence > 0) lease.stepDown("the lease ran out before it could be renewed");
      diverged = true;
      events.length = 0;
    }
  });

  let resyncing: Promise<void> | undefined;
  let again = false;
  async function resync(): Promise<void> {
    if (resyncing) {
      again = true;
      return resyncing;
    }
    resyncing = (async () => {
      do {
        again = false;
        try {
          const state = await readState(redis, keys);
          if (!state || lease.leading) continue;
          store.adopt(state.tiles, [], state.rev);
          deps.adopted?.();
          diverged = false;
          metrics.resyncs.inc();
          hub.resnapshot();
        } catch (err) {
          setRedis(false, (err as Error).message);
        }
      } while (again && !stopped);
    })().finally(() => (resyncing = undefined));
    return resyncing;
  }

  function follow(frame: Frame): void {
    if (frame.from === replica) return;
    if (lease.leading) {
      // Someone else wrote with a newer token: this replica's lease is gone, whatever its clock says.
      if (frame.fence > lease.fence) lease.stepDown("another replica leads with a newer fencing token");
      else return;
    }
    metrics.relayed.inc();
    if (frame.full || diverged || frame.rev !== store.rev + 1) {
      void resync();
      return;
    }
    const patch = patchOf(frame.parts.get("*"));
    store.adopt(patch.tiles, patch.removed, patch.rev);
    for (const e of frame.events) store.historyBackend.addEvent(e);
    hub.deliver(patch, partsLookup(frame.parts));
    deps.adopted?.();
  }

  const commands = new CommandClient((text) => redis.main.publish(keys.commands, text));
  const onMessage = (channel: Buffer, message: Buffer) => {
    try {
      const name = channel.toString();
      if (name === keys.relay) follow(decodeFrame(message));
      else if (name === keys.replies) commands.answer(message.toString());
      else if (name === keys.commands && lease.leading) {
        const { nonce, command } = parseCommand(message.toString());
        const result = runCommand(store, runtime.scheduler, command);
        void redis.main.publish(keys.replies, JSON.stringify({ nonce, result })).catch(() => undefined);
      }
    } catch (err) {
      services.log("warn", `cluster: ignored a message on ${channel.toString()}: ${(err as Error).message}`);
    }
  };
  redis.sub.on("messageBuffer", onMessage);
  for (const conn of [redis.main, redis.sub]) conn.on("error", () => undefined);
  redis.main.on("ready", () => setRedis(true));
  redis.main.on("close", () => setRedis(false));
  // A dropped subscription may have missed frames: reload once it is back.
  redis.sub.on("ready", () => void resync());

  // Nobody writes while Redis is away: each replica ages its own tiles so none stays green on old data.
  const sweeper = setInterval(() => {
    if (!lease.leading && redisUp === false) store.sweep();
  }, 1000);
  sweeper.unref();

  try {
    await Promise.all([redis.main.connect(), redis.sub.connect()]);
    await redis.sub.subscribe(keys.relay, keys.commands, keys.replies);
    await resync();
  } catch (err) {
    setRedis(false, (err as Error).message);
  }
  lease.start();
  services.log("info", `cluster: replica ${replica} on ${where}, lease TTL ${options.leaseTtlMs / 1000} s`);

  const forward = async (command: Command): Promise<CommandResult> =>
    lease.leading ? runCommand(store, runtime.scheduler, command) : commands.send(command);

  return {
    get leader() {
      return lease.leading;
    },
    claim: (id, by, note) => forward({ op: "claim", id, by, note }) as Promise<ClaimResult>,
    release: (id) => forward({ op: "release", id }) as Promise<ClaimResult>,
    nudge: (webhook, payload) => forward({ op: "nudge", webhook, payload }) as Promise<number | "unavailable">,
    replan() {
      encoder.setBoards(runtime.plan.boards);
      if (lease.leading) runtime.scheduler.apply(runtime.plan.tiles);
    },
    event(e) {
      if (lease.leading) events.push(e);
    },
    async stop() {
      stopped = true;
      clearInterval(sweeper);
      offPatch();
      await lease.stop();
      await writing;
      await redis.close();
    },
  };
}

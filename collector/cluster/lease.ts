/**
 * The leader lease: `SET lease … NX PX ttl` with a fencing token (INCR) taken in the same
 * script, renewed every ttl/3 with a check-and-extend. The leader also keeps a local deadline
 * (last good renewal + ttl − a margin): when Redis cannot confirm the lease before then, it
 * steps down by itself, so it never polls on a lease that another replica may already hold.
 */
import type { ClusterRedis } from "./redis.ts";
import type { ClusterKeys } from "./keys.ts";
import type { ClusterMetrics } from "./metrics.ts";

export interface LeaseEvents {
  /** This replica now holds the lease with this fencing token. */
  gained(fence: number): void | Promise<void>;
  /** It no longer does (lost, expired, fenced off, shutting down). */
  lost(reason: string): void;
  /** Redis answered / did not answer a lease command. */
  redis(up: boolean, error?: string): void;
}

export class Lease {
  private fenceToken = 0;
  private token = "";
  private validUntil = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly redis: ClusterRedis,
    private readonly keys: ClusterKeys,
    private readonly replica: string,
    private readonly ttlMs: number,
    private readonly metrics: ClusterMetrics,
    private readonly events: LeaseEvents,
    private readonly now: () => number = Date.now,
  ) {}

  get fence(): number {
    return this.fenceToken;
  }

  /** Leader and the lease certainly still ours: Redis confirmed it less than ttl − margin ago. */
  get leading(): boolean {
    return this.fenceToken > 0 && this.now() < this.validUntil;
  }

  start(): void {
    void this.tick();
  }

  /** Give up leading now (a fenced write, a shutdown); the next tick may try again. */
  stepDown(reason: string): void {
    if (this.fenceToken === 0) return;
    this.fenceToken = 0;
    this.token = "";
    this.metrics.leader.set(0);
    this.metrics.stepDowns.inc();
    this.events.lost(reason);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const token = this.token;
    this.stepDown("shutting down");
    // Hand over at once instead of making the others wait out the TTL.
    if (token) await this.redis.release(this.keys.lease, token).catch(() => undefined);
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      if (this.fenceToken > 0) await this.renew();
      else await this.acquire();
    } catch (err) {
      this.events.redis(false, (err as Error).message);
      if (this.fenceToken > 0) this.metrics.renewals.inc({ outcome: "error" });
    }
    if (this.fenceToken > 0 && this.now() >= this.validUntil) this.stepDown("Redis did not confirm the lease in time");
    if (this.stopped) return;
    // Followers try often so a dead leader's lease is taken soon after it expires.
    const next = this.fenceToken > 0 ? this.ttlMs / 3 : this.ttlMs / 10;
    this.timer = setTimeout(() => void this.tick(), Math.max(50, next));
    this.timer.unref?.();
  }

  private async acquire(): Promise<void> {
    const sent = this.now();
    const fence = Number(await this.redis.acquire(this.keys.lease, this.keys.fence, this.replica, this.ttlMs));
    this.metrics.roundTrip.observe((this.now() - sent) / 1000);
    this.events.redis(true);
    if (!fence || this.stopped) return;
    this.fenceToken = fence;
    this.token = `${fence}:${this.replica}`;
    this.validUntil = sent + this.ttlMs - this.margin();
    this.metrics.leader.set(1);
    this.metrics.failovers.inc();
    await this.events.gained(fence);
  }

  private async renew(): Promise<void> {
    const sent = this.now();
    const ok = Number(await this.redis.renew(this.keys.lease, this.token, this.ttlMs));
    this.metrics.roundTrip.observe((this.now() - sent) / 1000);
    this.events.redis(true);
    if (this.fenceToken === 0) return;
    if (ok === 1) {
      this.metrics.renewals.inc({ outcome: "ok" });
      this.validUntil = sent + this.ttlMs - this.margin();
      return;
    }
    this.metrics.renewals.inc({ outcome: "lost" });
    this.stepDown("another replica holds the lease");
  }

  /** Room for clock drift between this process and Redis. */
  private margin(): number {
    return Math.max(100, this.ttlMs / 10);
  }
}

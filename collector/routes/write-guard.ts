/**
 * The one gate for every write (claims, webhooks, later deploy events): a
 * per-client token bucket, then the shared `writeToken` when one is set.
 * The rate limit runs first so that guessing the token is limited too.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";

export interface WriteGuardOptions {
  /** The token in force now (a reload may change it); undefined = writes are open. */
  token: () => string | undefined;
  now?: () => number;
  /** Writes a client may make at once. */
  burst?: number;
  /** Writes a client regains per second. */
  perSecond?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

const MAX_CLIENTS = 10_000;

/** Equal without leaking where they differ or how long the secret is: both sides are hashed first. */
export function tokenMatches(expected: string, given: string): boolean {
  const a = createHash("sha256").update(expected).digest();
  const b = createHash("sha256").update(given).digest();
  return timingSafeEqual(a, b);
}

/** `Authorization: Bearer …` or `X-Radiator-Token: …`. */
export function givenToken(c: Context): string {
  const auth = c.req.header("authorization");
  const bearer = auth && /^Bearer\s+(.+)$/i.exec(auth)?.[1];
  return (bearer || c.req.header("x-radiator-token") || "").trim();
}

/** The client's address as the socket saw it (not a forwarded header a client could forge). */
export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? "local";
}

export class WriteGuard {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  private readonly burst: number;
  private readonly perSecond: number;

  constructor(private readonly opts: WriteGuardOptions) {
    this.now = opts.now ?? Date.now;
    this.burst = opts.burst ?? 20;
    this.perSecond = opts.perSecond ?? 1;
  }

  get protected(): boolean {
    return !!this.opts.token();
  }

  /** Seconds until this client may write again, or 0 (and one write is taken). */
  take(client: string): number {
    const now = this.now();
    const b = this.buckets.get(client) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    if (this.buckets.size >= MAX_CLIENTS && !this.buckets.has(client)) this.prune();
    this.buckets.set(client, b);
    if (b.tokens < 1) return Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond));
    b.tokens -= 1;
    return 0;
  }

  authorised(c: Context): boolean {
    const token = this.opts.token();
    return !token || tokenMatches(token, givenToken(c));
  }

  /**
   * Middleware for a write route. `ownSecret` says the route checks its own
   * secret (a webhook connection's `webhookSecret`), so the write token is not asked.
   */
  middleware(ownSecret?: (c: Context) => boolean): MiddlewareHandler {
    return async (c, next) => {
      const wait = this.take(clientAddress(c));
      if (wait > 0) {
        return c.json({ error: `too many writes from this client; try again in ${wait} s` }, 429, {
          "retry-after": String(wait),
        });
      }
      if (!ownSecret?.(c) && !this.authorised(c)) {
        return c.json(
          { error: "this collector needs its write token (Authorization: Bearer … or X-Radiator-Token)" },
          401,
        );
      }
      await next();
    };
  }

  /** Forget clients whose bucket is full again: they cost nothing to recreate. */
  private prune(): void {
    const now = this.now();
    for (const [k, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(k);
    }
  }
}

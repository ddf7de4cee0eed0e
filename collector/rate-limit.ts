/**
 * Rate-limit bookkeeping from response headers: GitHub's X-RateLimit-*, GitLab's
 * and the IETF draft's RateLimit-*, and Retry-After.
 */
export interface RateLimitState {
  remaining?: number;
  limit?: number;
  /** epoch ms when the budget resets */
  resetAt?: number;
  /** epoch ms before which no request is sent */
  blockedUntil?: number;
}

/** Updates `state` from one response's headers. */
export function readRateLimit(state: RateLimitState, headers: Headers, status: number, now: number): void {
  const remaining = headers.get("x-ratelimit-remaining") ?? headers.get("ratelimit-remaining");
  const limit = headers.get("x-ratelimit-limit") ?? headers.get("ratelimit-limit");
  const reset = headers.get("x-ratelimit-reset") ?? headers.get("ratelimit-reset");
  if (remaining !== null && Number.isFinite(Number(remaining))) state.remaining = Number(remaining);
  if (limit !== null && Number.isFinite(Number(limit))) state.limit = Number(limit);
  if (reset !== null && Number.isFinite(Number(reset))) {
    const n = Number(reset);
    // Epoch seconds (GitHub, GitLab) versus delta seconds (IETF draft).
    state.resetAt = n > 1e9 ? n * 1000 : now + n * 1000;
  }
  if (state.remaining === 0 && state.resetAt && status < 300) {
    // The budget is spent: wait for the reset instead of burning a request on a certain 403.
    state.blockedUntil = state.resetAt;
  } else if (status < 300 && state.blockedUntil !== undefined && state.blockedUntil <= now) {
    state.blockedUntil = undefined;
  }
}

/** Retry-After as epoch ms: delta seconds or an HTTP date. */
export function retryAfter(headers: Headers, now: number): number | undefined {
  const value = headers.get("retry-after");
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return now + Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : date;
}

/** "search" for "/search/issues": the part of an API a rate-limit resource usually covers. */
export function firstSegment(path: string): string {
  const p = /^https?:\/\//i.test(path) ? new URL(path).pathname : path;
  return p.split("/").find(Boolean) ?? "";
}

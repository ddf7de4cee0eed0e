/** When a job polls next: pure (the clock and the jitter's draw come in), so the scheduler's timers stay its only I/O. */
export interface DelayOptions {
  maxBackoffMs: number;
  now: () => number;
  /** In [0, 1): the jitter's draw. */
  random: () => number;
}

/**
 * The interval with ±10 % jitter; after `failures` consecutive errors an exponential backoff; after a
 * rate limit, its reset (`retryAt`, epoch ms).
 */
export function pollDelay(everyMs: number, failures: number, retryAt: number | undefined, o: DelayOptions): number {
  const jitter = 1 + (o.random() - 0.5) * 0.2;
  if (failures === 0) return everyMs * jitter;
  const backoff = Math.min(everyMs * 2 ** (failures - 1), Math.max(everyMs, o.maxBackoffMs));
  return Math.max(backoff * jitter, retryAt !== undefined ? retryAt - o.now() : 0);
}

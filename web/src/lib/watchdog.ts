/**
 * The last resort for a page left on a TV for weeks: reload it after a very long
 * disconnect (something beyond the socket may be stuck: a proxy, a captive portal,
 * a browser bug) or when the JS heap has grown past what a 1 GB TV can spare.
 * Reconnecting itself goes on forever in connection.ts; this only clears the page.
 */
export const RELOAD_AFTER_DISCONNECT_MS = 6 * 3_600_000;
export const HEAP_LIMIT_BYTES = 300 * 1024 * 1024;

/** Why the page should reload now, or null. */
export function selfReloadReason(
  now: number,
  disconnectedSince: number | null,
  heapUsedBytes: number | null,
): string | null {
  if (disconnectedSince !== null && now - disconnectedSince >= RELOAD_AFTER_DISCONNECT_MS)
    return "disconnected for 6 h";
  if (heapUsedBytes !== null && heapUsedBytes > HEAP_LIMIT_BYTES) return "heap over 300 MB";
  return null;
}

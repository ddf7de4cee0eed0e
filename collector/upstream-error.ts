/** Upstream failures as people read them: what went wrong, where, and until when to wait. */
export type UpstreamErrorCode =
  "timeout" | "network" | "http" | "auth" | "rate-limited" | "too-large" | "parse" | "redirect";

/** A failed upstream call, with a human-readable, redacted message. */
export class UpstreamError extends Error {
  constructor(
    message: string,
    readonly code: UpstreamErrorCode,
    readonly status?: number,
    /** epoch ms before which the scheduler should not try again */
    readonly retryAt?: number,
  ) {
    super(message);
    this.name = "UpstreamError";
  }
}

/** The upstream's own error text from a JSON or plain body, kept short. */
export function upstreamMessage(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return "";
  try {
    const body = JSON.parse(trimmed) as Record<string, unknown>;
    const msg = body.message ?? body.error ?? body.errorMessages ?? body.errors;
    const s =
      typeof msg === "string"
        ? msg
        : Array.isArray(msg)
          ? msg.map((m) => (typeof m === "string" ? m : JSON.stringify(m))).join("; ")
          : "";
    return s.slice(0, 200);
  } catch {
    return trimmed.startsWith("<") ? "" : trimmed.slice(0, 120);
  }
}

export function clock(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(11, 16) + " UTC";
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${Math.round(n / 1024)} KiB`;
}

/**
 * How HttpClient words what went wrong: an upstream's status, a network failure
 * or an over-large body, as an UpstreamError with the connection's secrets redacted.
 * Pure functions; the client passes in its secrets and clock.
 */
import { networkWords } from "./error-words.ts";
import { redact } from "./redact.ts";
import { UpstreamError, type UpstreamErrorCode, upstreamMessage, clock, formatBytes } from "./upstream-error.ts";
import { retryAfter, type RateLimitState } from "./rate-limit.ts";
import { BodyTooLarge, type Answer } from "./http-transport.ts";

/** Host and path only: query strings may carry tokens and make errors long. */
export function describe(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return "upstream";
  }
}

/** An UpstreamError whose message has the secrets redacted. */
export function upstreamError(
  secrets: readonly string[],
  message: string,
  code: UpstreamErrorCode,
  status?: number,
  retryAt?: number,
): UpstreamError {
  return new UpstreamError(redact(message, secrets), code, status, retryAt);
}

/** Throws for a status that is not an answer; a rate limit also sets `limit.blockedUntil`. */
export function checkStatus(
  response: Pick<Answer, "status" | "statusText" | "headers">,
  url: string,
  text: string,
  limit: RateLimitState,
  accept: number[] = [],
  now: () => number,
  secrets: readonly string[],
): void {
  const error = upstreamError.bind(null, secrets);
  const status = response.status;
  if ((status >= 200 && status < 300) || accept.includes(status)) return;
  const where = describe(url);
  const retryAt = retryAfter(response.headers, now());
  if (
    status === 429 ||
    (status === 403 && (limit.remaining === 0 || retryAt !== undefined || /rate limit/i.test(text)))
  ) {
    // The window's reset only when the window is spent; a secondary limit without
    // Retry-After asks for "at least a minute", not for the primary window's hour.
    const until = retryAt ?? (limit.remaining === 0 ? limit.resetAt : undefined) ?? now() + 60_000;
    limit.blockedUntil = until;
    throw error(`rate limited until ${clock(until)} (HTTP ${status} from ${where})`, "rate-limited", status, until);
  }
  if (status === 401)
    throw error(
      `token rejected: ${where} answered HTTP 401 Unauthorized — check the connection's credentials`,
      "auth",
      status,
    );
  if (status === 403)
    throw error(
      `access denied: ${where} answered HTTP 403 Forbidden — the token lacks a permission or scope`,
      "auth",
      status,
    );
  const hint = upstreamMessage(text);
  throw error(
    `${where} answered HTTP ${status}${response.statusText ? ` ${response.statusText}` : ""}${hint ? `: ${hint}` : ""}`,
    "http",
    status,
    retryAt,
  );
}

/** A failed request or body read as an UpstreamError: timeout, cancellation or network. */
export function networkError(
  err: unknown,
  url: string,
  timeoutMs: number,
  signal: AbortSignal,
  secrets: readonly string[],
): UpstreamError {
  if (err instanceof UpstreamError) return err;
  const where = describe(url);
  if (signal.aborted) {
    const reason = signal.reason as { name?: string } | undefined;
    if (reason?.name === "TimeoutError")
      return upstreamError(secrets, `${where} did not answer within ${timeoutMs / 1000} s`, "timeout");
    return upstreamError(secrets, `request to ${where} was cancelled`, "timeout");
  }
  return upstreamError(secrets, networkWords(err, url), "network");
}

/** The body as text, or a `too-large` error once it passes `max` bytes (declared or read). */
export async function readLimited(
  response: Answer,
  url: string,
  max: number,
  secrets: readonly string[],
): Promise<string> {
  const tooLarge = (what: string) =>
    upstreamError(
      secrets,
      `${describe(url)} answered ${what} the ${formatBytes(max)} limit`,
      "too-large",
      response.status,
    );
  const declared = Number(response.headers.get("content-length"));
  if (declared > max) {
    response.cancel();
    throw tooLarge(`${formatBytes(declared)}, over`);
  }
  try {
    return await response.text(max);
  } catch (err) {
    if (err instanceof BodyTooLarge) throw tooLarge("more than");
    throw err;
  }
}

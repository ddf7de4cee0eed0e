/**
 * `safeLink()` as the collector's sources call it. The same links come back on every poll (an
 * alert's generatorURL, a build's page, Alertmanager's filter page), and parsing each as a URL
 * and running the redaction patterns over it cost ~0.1–0.2 ms a poll (issue 12). `safeLink` is
 * pure, so its answers are kept: at most `KEPT`, all dropped at once when full (no bookkeeping per
 * call). The page imports `safeLink` from redact.ts itself: its bundle does not carry this.
 */
import { safeLink as parseLink } from "./redact.ts";

const KEPT = 4096;
const kept = new Map<string, string | undefined>();

/** A URL that is safe to show: http(s) only, without credentials (see redact.ts). */
export function safeLink(url: unknown): string | undefined {
  if (typeof url !== "string") return undefined;
  if (kept.has(url)) return kept.get(url);
  const link = parseLink(url);
  if (kept.size >= KEPT) kept.clear();
  kept.set(url, link);
  return link;
}

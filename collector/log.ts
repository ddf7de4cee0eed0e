/**
 * One line per event on stderr: plain text, or with LOG_FORMAT=json one JSON object a line
 * ({level, time, msg, tile?, kind?, connection?}) for journald/Loki/ELK. Every line is redacted here as
 * the last line of defence; callers still pass redacted text.
 */
import { redact } from "./redact.ts";

export type Level = "info" | "warn" | "error";

/** What a line is about, so a log search can filter on it. */
export interface LogFields {
  /** The tile id, or several comma-separated when one poll serves several tiles. */
  tile?: string;
  kind?: string;
  connection?: string;
}

const RANK: Record<Level, number> = { info: 0, warn: 1, error: 2 };
// RADIATOR_LOG_LEVEL=warn|error quiets the log (the test suite uses "error").
const threshold = RANK[(process.env.RADIATOR_LOG_LEVEL as Level) ?? "info"] ?? 0;
const json = process.env.LOG_FORMAT === "json";

export function log(level: Level, message: string, fields: LogFields = {}): void {
  if (RANK[level] < threshold) return;
  process.stderr.write(formatLine(level, message, fields, new Date(), json));
}

export function formatLine(level: Level, message: string, fields: LogFields, time: Date, asJson: boolean): string {
  const about = Object.fromEntries(
    Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, redact(v)]),
  );
  if (asJson) return `${JSON.stringify({ level, time: time.toISOString(), msg: redact(message), ...about })}\n`;
  return `${time.toISOString()} ${level.padEnd(5)} ${redact(message)}\n`;
}

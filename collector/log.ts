/** One line per event on stderr; every caller passes redacted text. */
export type Level = "info" | "warn" | "error";

const RANK: Record<Level, number> = { info: 0, warn: 1, error: 2 };
// RADIATOR_LOG_LEVEL=warn|error quiets the log (the test suite uses "error").
const threshold = RANK[(process.env.RADIATOR_LOG_LEVEL as Level) ?? "info"] ?? 0;

export function log(level: Level, message: string): void {
  if (RANK[level] < threshold) return;
  process.stderr.write(`${new Date().toISOString()} ${level.padEnd(5)} ${message}\n`);
}

/** One line per event on stderr; every caller passes redacted text. */
export type Level = "info" | "warn" | "error";

let quiet = false;
export function setQuiet(value: boolean): void {
  quiet = value;
}

export function log(level: Level, message: string): void {
  if (quiet && level === "info") return;
  process.stderr.write(`${new Date().toISOString()} ${level.padEnd(5)} ${message}\n`);
}

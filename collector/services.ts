/**
 * What one collector owns besides its config and state: redaction, metrics and
 * the log that passes through both. Made once per collector in `startServer`
 * and passed in, never module state, so two collectors in one process share nothing.
 */
import { createMetrics, type Metrics, type MetricsOptions } from "./metrics.ts";
import { createRedactor, type Redactor } from "./redact.ts";
import { log as writeLog, type Level, type LogFields } from "./log.ts";
import { connections } from "./connections/index.ts";
import { authSchemes } from "./connections/define.ts";

export interface Services {
  redactor: Redactor;
  metrics: Metrics;
  /** The log line, redacted with this collector's secrets. */
  log(level: Level, message: string, fields?: LogFields): void;
}

export interface ServicesOptions extends MetricsOptions {
  /** Auth schemes to redact besides Bearer and Basic; default: those the registered connection types send. */
  schemes?: readonly string[];
}

export function createServices(options: ServicesOptions = {}): Services {
  const redactor = createRedactor({ schemes: options.schemes ?? authSchemes(Object.values(connections)) });
  const metrics = createMetrics(options);
  return {
    redactor,
    metrics,
    log: (level, message, fields = {}) => writeLog(level, redactor.redact(message), redactFields(redactor, fields)),
  };
}

function redactFields(redactor: Redactor, fields: LogFields): LogFields {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === undefined ? v : redactor.redact(v)]));
}

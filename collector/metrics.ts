/**
 * The collector's own health, exposed at /metrics in Prometheus text format.
 * One registry per collector, made by `createMetrics()` in `startServer`: two
 * collectors in one process (tests, the coming replicas) never share a series.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * prom-client samples event-loop delay at this resolution. Its 10 ms default wakes an idle
 * collector 100 times a second (~9 ms CPU/s, issue 12); a wall cares about lags of 100s of ms.
 */
export const EVENT_LOOP_RESOLUTION_MS = 250;

export interface MetricsOptions {
  /** Also prom-client's process and Node.js metrics, under their standard names (`process_cpu_seconds_total`, `nodejs_*`). */
  process?: boolean;
}

export type Metrics = ReturnType<typeof createMetrics>;

export function createMetrics(options: MetricsOptions = {}) {
  const registry = new Registry();
  const registers = [registry];
  // Standard names, no prefix, so the usual Node.js dashboards work as they are.
  if (options.process)
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: EVENT_LOOP_RESOLUTION_MS });
  return {
    registry,
    poll: {
      duration: new Histogram({
        name: "radiator_poll_duration_seconds",
        help: "Duration of source polls by kind.",
        labelNames: ["kind"],
        buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
        registers,
      }),
      errors: new Counter({
        name: "radiator_poll_errors_total",
        help: "Failed source polls by kind.",
        labelNames: ["kind"],
        registers,
      }),
      total: new Counter({
        name: "radiator_polls_total",
        help: "Source polls by kind.",
        labelNames: ["kind"],
        registers,
      }),
    },
    upstream: {
      requests: new Counter({
        name: "radiator_upstream_requests_total",
        help: "Upstream HTTP requests by connection and status.",
        labelNames: ["connection", "outcome"],
        registers,
      }),
      notModified: new Counter({
        name: "radiator_upstream_not_modified_total",
        help: "Upstream answers served from the ETag cache (HTTP 304).",
        labelNames: ["connection"],
        registers,
      }),
      rateRemaining: new Gauge({
        name: "radiator_upstream_rate_limit_remaining",
        help: "Requests left in the upstream's rate-limit window, per connection and resource (GitHub: core, search, …).",
        labelNames: ["connection", "resource"],
        registers,
      }),
    },
    hub: {
      clients: new Gauge({ name: "radiator_ws_clients", help: "Connected screens.", registers }),
      dropped: new Counter({
        name: "radiator_ws_dropped_total",
        help: "Screens dropped for a full send buffer.",
        registers,
      }),
      messages: new Counter({
        name: "radiator_ws_messages_serialised_total",
        help: "Messages serialised (once per board, whatever the screen count).",
        labelNames: ["type"],
        registers,
      }),
    },
    tileStatus: new Gauge({
      name: "radiator_tile_status",
      help: "1 for the status each tile is in now.",
      labelNames: ["board", "tile", "kind", "status"],
      registers,
    }),
  };
}

export type HttpMetrics = Metrics["upstream"];

/** `radiator_cluster_*`: one set per replica, on that replica's registry. */
import { Counter, Gauge, Histogram, type Registry } from "prom-client";

export type ClusterMetrics = ReturnType<typeof clusterMetrics>;

export function clusterMetrics(registry: Registry) {
  const registers = [registry];
  return {
    leader: new Gauge({
      name: "radiator_cluster_leader",
      help: "1 while this replica holds the lease and polls upstream; 0 while it follows.",
      registers,
    }),
    redisUp: new Gauge({
      name: "radiator_cluster_redis_up",
      help: "1 while this replica reaches Redis; 0 while it does not (tiles then age to grey).",
      registers,
    }),
    renewals: new Counter({
      name: "radiator_cluster_lease_renewals_total",
      help: "Lease renewals by outcome: ok, lost (another replica holds it), error (Redis did not answer).",
      labelNames: ["outcome"],
      registers,
    }),
    failovers: new Counter({
      name: "radiator_cluster_failovers_total",
      help: "Times this replica took the lease (became leader).",
      registers,
    }),
    stepDowns: new Counter({
      name: "radiator_cluster_step_downs_total",
      help: "Times this replica stopped leading: lease lost, expired without renewal, or a write fenced off.",
      registers,
    }),
    fenced: new Counter({
      name: "radiator_cluster_fenced_writes_total",
      help: "Shared-state writes Redis refused because this replica's fencing token was stale.",
      registers,
    }),
    roundTrip: new Histogram({
      name: "radiator_cluster_redis_round_trip_seconds",
      help: "Round-trip time of this replica's lease commands to Redis.",
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    published: new Counter({
      name: "radiator_cluster_messages_published_total",
      help: "Relay frames this replica published as leader (one per patch, all boards).",
      registers,
    }),
    relayed: new Counter({
      name: "radiator_cluster_messages_relayed_total",
      help: "Relay frames this replica received from the leader and passed on to its screens.",
      registers,
    }),
    resyncs: new Counter({
      name: "radiator_cluster_resyncs_total",
      help: "Full reloads of the shared state (start, a gap in the relay, Redis back).",
      registers,
    }),
  };
}

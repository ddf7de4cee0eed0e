/**
 * The cluster section of `npm run bench`: runs `cluster.ts` and prints each figure beside its
 * baseline from the same run (the single collector with the same tiles and screens).
 *
 * Three replicas and their three screen processes share the same two cores here, which a real
 * deployment would not: in the C rounds six busy processes queue for two CPUs (and evict each
 * other's caches), so their per-message CPU and latency are printed but not budgeted. The budgeted
 * per-replica figures come from rounds where one follower, then the leader, alone has screens,
 * beside a round of the single collector, and from the no-screens nudges (the relay work itself).
 *
 * Budgets, and why:
 * - A follower's CPU per delivered message ≤ ×1.15 of the single collector's fan-out alone: a
 *   follower polls nothing; it decodes one frame and adopts one patch per message for all its
 *   screens, which over 1,000 screens must stay within the fan-out's own noise.
 * - The leader's CPU per delivered message ≤ ×1.15 of the single collector's (both incl. the poll),
 *   and per nudged poll with no screens ≤ ×1.15 too: leading adds one frame encoding and one fenced
 *   Lua write + publish per patch, to a poll of ~4–5 ms here.
 * - Redis's own CPU ≤ 0.5 ms per frame: at the 20 frames a second the 50 ms batching allows at
 *   most, that is ≤ 1 % of a core for any number of replicas and screens.
 * - Bytes through Redis ≤ 10 × the patch per frame with 3 replicas: in, the frame (board part +
 *   all-boards part, 2 × patch) and the tile JSON for the shared state (1 ×); out, the frame to
 *   each of the 3 subscribers (6 ×); 9 × patch, plus 10 % for headers and the lease's traffic.
 * - Webhook → last screen on a follower: p50 ≤ the single collector's p50 + 15 ms, p99 ≤ its
 *   p99 + 50 ms: one Redis round trip and a second process's fan-out on top.
 * The C rounds nudge 3 × slower than S so the two cores deliver as many messages a second in both.
 */
import { clusterBench } from "./cluster.ts";
import { median, percentile } from "./proc.ts";

type Figure = (name: string, value: string, baseline: string, ok: boolean, budget: string) => void;

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const kb = (x: number) => `${(x / 1024).toFixed(1)} KB`;

export async function clusterSection(figure: Figure, screens: number, perRound: number): Promise<void> {
  const c = await clusterBench(screens, perRound, 3);
  for (const [i, p] of c.pairs.entries())
    console.log(
      `  pair ${i + 1}: single ${f1(p.single)} µs/msg (fan-out alone ${f1(p.singleFanout)}), leader ${f1(p.leader)}, ` +
        `followers ${p.followers.map(f1).join(" / ")} µs/msg; Redis ${f1(p.redisUs)} µs, ` +
        `${kb(p.redisIn)} in + ${kb(p.redisOut)} out per frame`,
    );
  const q = c.quiet;
  console.log(
    `  no screens, per nudge: single ${f2(q.singleMs)} ms, leader ${f2(q.leaderMs)} ms, ` +
      `a follower ${f2(q.followerMs)} ms, redis-server ${f2(q.redisMs)} ms ` +
      `(background taken off; redis-server's own ${f2(q.redisIdleMsPerS)} ms/s)`,
  );
  console.log(`  patch size ${c.patchBytes} B; ${c.published} frames published; lease changes ${c.failovers}`);
  const med = (pick: (p: (typeof c.pairs)[number]) => number) => median(c.pairs.map(pick));
  const single = med((p) => p.single);
  const singleFanout = med((p) => p.singleFanout);
  const leader = med((p) => p.leader);
  const follower = med((p) => median(p.followers));
  console.log(
    `  all three replicas with screens on the same 2 cores (C rounds): leader ×${f2(leader / single)} ` +
      `(${f1(leader)} µs) of the single collector incl. the poll (${f1(single)} µs), a follower ` +
      `×${f2(follower / singleFanout)} (${f1(follower)} µs) of its fan-out alone (${f1(singleFanout)} µs)`,
  );
  const a = c.alone;
  figure(
    "follower CPU per delivered message (receive + fan-out), the only replica with screens",
    `×${f2(a.follower / a.singleFanout)} (${f1(a.follower)} µs)`,
    `single collector's fan-out alone, ${f1(a.singleFanout)} µs (medians of 3 rounds each, interleaved; ` +
      `its nudged poll after them ${f2(a.singlePollMs)} ms)`,
    a.follower / a.singleFanout <= 1.15,
    "≤ ×1.15",
  );
  figure(
    "leader CPU per delivered message (poll + publish + fan-out), the only replica with screens",
    `×${f2(a.leader / a.single)} (${f1(a.leader)} µs)`,
    `single collector incl. the poll, median of its 3 rounds before, ${f1(a.single)} µs`,
    a.leader / a.single <= 1.15,
    "≤ ×1.15",
  );
  figure(
    "leader CPU per nudged poll, no screens (poll + fenced write + publish)",
    `×${f2(q.leaderMs / q.singleMs)} (${f2(q.leaderMs)} ms; the publish ${f2(q.leaderMs - q.singleMs)} ms)`,
    `single collector ${f2(q.singleMs)} ms`,
    q.leaderMs / q.singleMs <= 1.15,
    "≤ ×1.15",
  );
  console.log(
    `  a follower's receive per frame, no screens: ${f2(q.followerMs)} ms; with ${screens} screens ` +
      `(leader − single, per nudge, C vs S) ${f2(med((p) => p.leaderExtraMs))} ms (two ~30 ms rounds: noisy)`,
  );
  const redisUs = med((p) => p.redisUs);
  figure("redis-server CPU per frame (its background taken off)", `${f1(redisUs)} µs`, "", redisUs <= 500, "≤ 0.5 ms");
  const bytes = med((p) => p.redisIn + p.redisOut);
  figure(
    "bytes through Redis per frame (3 replicas)",
    `${kb(bytes)} (${kb(med((p) => p.redisIn))} in, ${kb(med((p) => p.redisOut))} out), ×${f1(bytes / c.patchBytes)} the patch`,
    `patch ${c.patchBytes} B`,
    bytes <= 10 * c.patchBytes,
    "≤ ×10 the patch",
  );
  const p50 = (xs: number[]) => percentile(xs, 50);
  const p99 = (xs: number[]) => percentile(xs, 99);
  const lat = (xs: number[]) => `p50 ${f1(p50(xs))} ms, p99 ${f1(p99(xs))} ms`;
  const { single: ls, leader: ll, follower: lf } = c.latency;
  console.log(
    `  webhook → last screen, C rounds (every ${c.slowGapMs} ms; S every 100 ms): single ${lat(ls)}; ` +
      `leader's own ${lat(ll)}; a follower's ${lat(lf)}`,
  );
  figure(
    `leader's webhook → last of ${screens} screens on a follower, the only replica with screens (${a.followerLatency.length})`,
    lat(a.followerLatency),
    `single collector, its 3 rounds, ${lat(a.singleLatency)}`,
    p50(a.followerLatency) <= p50(a.singleLatency) + 15 && p99(a.followerLatency) <= p99(a.singleLatency) + 50,
    "p50 ≤ single + 15 ms, p99 ≤ single + 50 ms",
  );
  figure("lease changes during the bench", String(c.failovers), "", c.failovers === 0, "0");
}

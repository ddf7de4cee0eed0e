/**
 * The cluster on Redis (issue 16): Debian's redis-server, three replicas of the compiled collector
 * sharing it, and beside them a single collector with the same config as the same run's baseline.
 * Each server has its own screens (a separate process per server, `screens.ts`). The 30
 * alertmanager tiles are polled only by webhook nudges (as in `fanout.ts`), sent to the leader (or
 * the single collector); each is one poll and one ~2.8 KB patch, which the leader writes to Redis
 * and publishes once, and each follower sends to its screens as it came. Rounds S C S C S C: S the
 * single collector, C the cluster (nudged 3 × slower: as many deliveries a second as S); CPU from
 * /proc schedstat of every serving process, Redis's too.
 */
import type { Received } from "./screens.ts";
import { startRedis } from "../helpers/redis-server.ts";
import { cpuNs, clockMs, median, sleep } from "./proc.ts";
import { alertmanagerConfig, alertmanagerTile, fakeAlertmanager } from "./upstream.ts";
import { startCollector, startScreens, type Served } from "./procs.ts";
import { TEAMS, post, webhookBody } from "./fanout.ts";
import { firstPolls, metricValue, redisCounters, redisDelta, redisPid, startReplicas } from "./cluster-setup.ts";
import type { Cluster } from "./cluster-setup.ts";

const stopAll = (c: Cluster) => Promise.all(c.replicas.map((r) => r.stop()));

type Report = { log: Received[]; bytes: number; n: number };
/** A round of nudges at the single collector: every process's CPU over it, the nudges, its screens' report. */
type SingleRound = { ns: number[]; sent: { team: string; t0: number }[]; rep: Report };

export interface ClusterPair {
  /** µs of CPU per delivered message: the single collector (incl. its poll) and its fan-out alone */
  single: number;
  singleFanout: number;
  leader: number;
  followers: number[];
  /** (leader's CPU − the single collector's CPU) ÷ nudges, same screens: what leading costs per patch */
  leaderExtraMs: number;
  /** per frame the leader published; Redis's CPU without its background (cron, lease renewals) */
  redisUs: number;
  redisIn: number;
  redisOut: number;
}

export interface ClusterFigures {
  screens: number;
  patchBytes: number;
  /** with no screens anywhere, per nudge (one patch), each process's background CPU taken off */
  quiet: { singleMs: number; leaderMs: number; followerMs: number; redisMs: number; redisIdleMsPerS: number };
  pairs: ClusterPair[];
  /** webhook POST → the last screen had the patch */
  latency: { single: number[]; leader: number[]; follower: number[] };
  /** C rounds nudge every `slowGapMs` (S every gapMs): as many deliveries a second in both */
  slowGapMs: number;
  /**
   * One follower the only replica with screens, then the single collector, then the leader alone
   * (all nudged every gapMs): µs per delivered message, and latencies.
   */
  alone: {
    follower: number;
    leader: number;
    single: number;
    singleFanout: number;
    /** the single collector's nudged poll after those rounds, its screens closed (ms, background taken off) */
    singlePollMs: number;
    followerLatency: number[];
    singleLatency: number[];
  };
  /** lease changes during the bench (must be none for the figures to mean anything) */
  failovers: number;
  published: number;
}

export async function clusterBench(screens = 1000, perRound = 70, pairs = 3, gapMs = 100): Promise<ClusterFigures> {
  const am = await fakeAlertmanager();
  const redis = await startRedis();
  const board = [{ id: "bench", title: "Bench", tiles: TEAMS.map((t) => alertmanagerTile(t, "10m")) }];
  const config = alertmanagerConfig(am.url, board, true);
  const started = await Promise.allSettled([startCollector(config), startReplicas(redis, config, 3)]);
  const upAt = performance.now();
  if (started.some((r) => r.status === "rejected")) {
    // no process left behind when one part did not start
    for (const r of started)
      if (r.status === "fulfilled") await ("stop" in r.value ? r.value.stop() : stopAll(r.value));
    await redis.close();
    await am.close();
    throw (started.find((r) => r.status === "rejected") as PromiseRejectedResult).reason;
  }
  const [single, cluster] = started.map((r) => (r as PromiseFulfilledResult<unknown>).value) as [Served, Cluster];
  const { leader, followers } = cluster;
  const servers = [single, leader, ...followers];
  const scr = servers.map(() => startScreens());
  const rPid = await redisPid(redis);
  try {
    await firstPolls(servers.map((s) => s.url));
    // As in fanout.ts: V8's memory reducer runs its full GCs 8–20 s after start-up, which the first nudged
    // polls below took for their own cost (the single collector's read 6.09 ms, 4.49 ms in fanout.ts that run).
    await sleep(Math.max(2000, upAt + 25_000 - performance.now()));
    // Background CPU (lease renewals, timers, Redis's own cron), taken off the per-nudge figures below.
    const cpu = () => [...servers.map((s) => cpuNs(s.pid)), cpuNs(rPid)];
    let t0 = performance.now();
    let c0 = cpu();
    await sleep(3000);
    const idle = cpu().map((ns, i) => (ns - c0[i]!) / (performance.now() - t0));
    let turn = 0;
    const nudge = async (url: string) => {
      const team = TEAMS[turn++ % TEAMS.length]!;
      am.bump(team);
      const t0 = clockMs();
      const status = await post(url, "/api/webhooks/alertmanager", webhookBody(team), turn);
      if (status !== 202) throw new Error(`the webhook answered ${status}`);
      return { team, t0 };
    };
    const paced = async <T>(n: number, step: () => Promise<T>, gap = gapMs): Promise<T[]> => {
      const out: T[] = [];
      const start = performance.now();
      for (let i = 0; i < n; i++) {
        out.push(await step());
        await sleep(Math.max(0, start + (i + 1) * gap - performance.now()));
      }
      await sleep(300);
      return out;
    };
    const published = () => metricValue(leader.url, "radiator_cluster_messages_published_total");
    const failovers = async () =>
      (await Promise.all(cluster.replicas.map((r) => metricValue(r.url, "radiator_cluster_failovers_total")))).reduce(
        (a, b) => a + b,
      );
    const failovers0 = await failovers();
    const published0 = await published();

    /** 40 paced nudges at `url`, no screens there: process `i`'s CPU per nudge, its background taken off. */
    const quietNudges = async (url: string) => {
      const t = performance.now();
      const before = cpu();
      await paced(40, () => nudge(url));
      const ms = performance.now() - t;
      const after = cpu();
      return (i: number) => (after[i]! - before[i]! - idle[i]! * ms) / 1e6 / 40;
    };

    // No screens: a nudged poll on the single collector, then on the leader (followers and Redis relay it).
    // Each warmed up by 40 nudges first, interleaved: V8 still compiles the poll path over the first ones
    // (~1 ms a nudge on its compiler thread); with 5, the single collector read ×1.4 of its figure after the
    // rounds below.
    await paced(40, () => nudge(single.url));
    await paced(40, () => nudge(leader.url));
    const singleMs = (await quietNudges(single.url))(0);
    const led = await quietNudges(leader.url);
    const quiet = {
      singleMs,
      leaderMs: led(1),
      followerMs: (led(2) + led(3)) / 2,
      redisMs: led(4),
      redisIdleMsPerS: (idle[4]! * 1e3) / 1e6,
    };

    const ws = (u: string) => `${u.replace("http:", "ws:")}/ws?board=bench`;
    for (const [i, s] of servers.entries())
      await scr[i]!.ask({ op: "open", name: "s", url: ws(s.url), n: screens, greeted: true });
    await sleep(3000);

    const out: ClusterFigures = {
      screens,
      patchBytes: 0,
      quiet,
      pairs: [],
      latency: { single: [], leader: [], follower: [] },
      slowGapMs: 0,
      alone: {
        follower: 0,
        leader: 0,
        single: 0,
        singleFanout: 0,
        singlePollMs: 0,
        followerLatency: [],
        singleLatency: [],
      },
      failovers: 0,
      published: 0,
    };
    const reset = () => Promise.all(scr.map((s) => s.ask({ op: "reset", name: "s" })));
    const reports = () => Promise.all(scr.map((s) => s.ask<Report>({ op: "report", name: "s" })));
    const perMsg = (ns: number, rep: Report) => ns / 1e3 / (rep.log.length * rep.n);
    const arrival = (rep: Report, team: string, t0: number) =>
      rep.log.find((m) => m.type === "patch" && m.tiles.includes(team) && m.firstAt >= t0)?.allAt ?? Infinity;
    /** `perRound` nudges at `url`: each process's CPU over them and screen set `i`'s report. */
    const round = async (url: string, i: number) => {
      await reset();
      const before = cpu();
      const sent = await paced(perRound, () => nudge(url));
      const ns = cpu().map((c, k) => c - before[k]!);
      return { ns, sent, rep: (await reports())[i]! };
    };
    // The cluster delivers 3 × the messages per nudge: nudged 3 × slower, the two cores deliver as
    // many a second in C as in S, so C measures the relay and not a longer queue for a CPU.
    const slow = gapMs * cluster.replicas.length;
    const singleS: SingleRound[] = [];
    for (let p = 0; p < pairs; p++) {
      // S: the single collector
      const { ns: sAll, sent: sentS, rep: repS } = await round(single.url, 0);
      const sNs = sAll[0]!;
      for (const { team, t0 } of sentS) out.latency.single.push(arrival(repS, team, t0) - t0);
      const patches = repS.log.filter((m) => m.type === "patch" && m.tiles.length > 0);
      out.patchBytes = patches[Math.floor(patches.length / 2)]?.bytes ?? 0;

      // C: the cluster, nudged at the leader
      await reset();
      const pub0 = await published();
      const r0 = await redisCounters(redis, rPid);
      t0 = performance.now();
      c0 = cpu();
      const sentC = await paced(perRound, () => nudge(leader.url), slow);
      const c1 = cpu();
      const ms = performance.now() - t0;
      const r = redisDelta(r0, await redisCounters(redis, rPid));
      const frames = (await published()) - pub0;
      const [, repL, ...repF] = await reports();
      for (const { team, t0 } of sentC) {
        out.latency.leader.push(arrival(repL!, team, t0) - t0);
        out.latency.follower.push(Math.max(...repF.map((rep) => arrival(rep, team, t0))) - t0);
      }
      singleS.push({ ns: sAll, sent: sentS, rep: repS });
      out.pairs.push({
        single: perMsg(sNs, repS),
        singleFanout: 0, // below, once the single collector's warm poll cost is known
        leader: perMsg(c1[1]! - c0[1]!, repL!),
        followers: repF.map((rep, i) => perMsg(c1[2 + i]! - c0[2 + i]!, rep)),
        leaderExtraMs: (c1[1]! - c0[1]! - sNs) / 1e6 / perRound,
        redisUs: (r.cpuNs - idle[4]! * ms) / 1e3 / frames,
        redisIn: r.inBytes / frames,
        redisOut: r.outBytes / frames,
      });
    }
    out.slowGapMs = slow;

    // One follower alone with screens (as on a machine of its own), then the single collector again: rounds
    // F S F S F S, medians (one pair alone read ×1.05–×1.70 from run to run: this VM's speed drifts). The
    // single collector's fan-out alone is S less its nudged polls, measured after these rounds with its
    // screens closed: by then it is as warm as in them (one from the start, after 5 warm-up nudges, read 7.04 ms
    // against 5.01 ms after).
    await Promise.all([scr[1]!.ask({ op: "close", name: "s" }), scr[3]!.ask({ op: "close", name: "s" })]);
    await sleep(2000);
    const follower: number[] = [];
    const singleRounds: SingleRound[] = [];
    for (let p = 0; p < pairs; p++) {
      const f = await round(leader.url, 2);
      follower.push(perMsg(f.ns[2]!, f.rep));
      for (const { team, t0 } of f.sent) out.alone.followerLatency.push(arrival(f.rep, team, t0) - t0);
      const s = await round(single.url, 0);
      singleRounds.push(s);
      for (const { team, t0 } of s.sent) out.alone.singleLatency.push(arrival(s.rep, team, t0) - t0);
    }
    await scr[0]!.ask({ op: "close", name: "s" });
    await sleep(2000);
    const pollMs = (out.alone.singlePollMs = (await quietNudges(single.url))(0));
    /** a single-collector round's CPU per delivered message, its nudged polls taken off */
    const fanoutAlone = (s: SingleRound) => perMsg(s.ns[0]! - pollMs * 1e6 * s.sent.length, s.rep);
    out.pairs.forEach((p, k) => (p.singleFanout = fanoutAlone(singleS[k]!)));
    out.alone.follower = median(follower);
    out.alone.single = median(singleRounds.map((s) => perMsg(s.ns[0]!, s.rep)));
    out.alone.singleFanout = median(singleRounds.map(fanoutAlone));

    // The leader alone with screens (it polls, publishes and fans out), against the S rounds' median.
    await scr[2]!.ask({ op: "close", name: "s" });
    await scr[1]!.ask({ op: "open", name: "s", url: ws(leader.url), n: screens, greeted: true });
    await sleep(2000);
    const l = await round(leader.url, 1);
    out.alone.leader = perMsg(l.ns[1]!, l.rep);
    out.failovers = (await failovers()) - failovers0;
    out.published = (await published()) - published0;
    return out;
  } finally {
    await Promise.all(scr.map((s) => s.stop()));
    await Promise.all([single.stop(), stopAll(cluster)]);
    await redis.close();
    await am.close();
  }
}

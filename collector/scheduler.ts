/**
 * Timers per unique poll. Identical polls (same kind, connection and
 * parameters) on several boards run once. A throw or a timeout becomes
 * `unknown` plus `error` here, in one place — never inside a source.
 */
import type { Store } from "./store.ts";
import type { TilePlan } from "./plan.ts";
import { stable } from "./plan.ts";
import { HttpClient, UpstreamError } from "./http-client.ts";
import { connectionClient, type ConnectionClient } from "./connections/lib/client.ts";
import { createServices, type Services } from "./services.ts";
import { runSource } from "./sources/define.ts";
import { Sweeper } from "./sweeper.ts";
import { KeyedSlots, originKey } from "./slots.ts";
import { pollContext, type PollClient } from "./poll-context.ts";
import { afterPoll } from "./deploys/watch.ts";
import { errorText } from "./poll-error.ts";
import { TimerWheel } from "./timer-wheel.ts";
import { pollDelay } from "./poll-delay.ts";

/** The poll's own timeout fires after the HTTP client's, so a check that hangs reports the client's clearer error. */
const POLL_TIMEOUT_MARGIN_MS = 1000;

export interface SchedulerOptions {
  /** Polls in flight to one upstream origin: a hung server delays only its own tiles. */
  maxInFlightPerOrigin?: number;
  /** Polls in flight overall, a wide cap above the per-origin ones. */
  maxInFlight?: number;
  /** Backoff after errors is capped here. */
  maxBackoffMs?: number;
  /** Webhook nudges poll one job at most this often: a webhook storm must not spend upstream budgets. */
  nudgeMinIntervalMs?: number;
  /** Polls due within the same slot of this many ms start together, in one wake-up (timer-wheel.ts); 0: exact. */
  coalesceMs?: number;
  now?: () => number;
  random?: () => number;
  /** The collector's redactor, metrics and log; a private set when left out (unit tests). */
  services?: Services;
}

interface Job {
  key: string;
  plan: TilePlan;
  tiles: Set<string>;
  client: PollClient;
  /** Cancels the pending timer. */
  cancel?: () => void;
  soon?: ReturnType<typeof setImmediate>;
  running: boolean;
  /** Consecutive failures, for backoff. */
  failures: number;
  /** A nudge arrived while a poll ran: poll again right after. */
  again: boolean;
  lastRunAt: number;
  stopped: boolean;
  /** What the kind's `load` keeps between this job's polls; dropped with the job. */
  memo: Map<string, unknown>;
  /** The poll in flight, aborted when the job stops (a reload dropping it, a shutdown). */
  controller?: AbortController;
}

export class Scheduler {
  private readonly jobs = new Map<string, Job>();
  private readonly clients = new Map<string, ConnectionClient>();
  private readonly slots: KeyedSlots;
  private readonly sweeper: Sweeper;
  private readonly opts: Required<SchedulerOptions>;
  private readonly wheel: TimerWheel | undefined;

  constructor(
    private readonly store: Store,
    options: SchedulerOptions = {},
  ) {
    this.opts = {
      maxInFlightPerOrigin: 4,
      maxInFlight: 64,
      maxBackoffMs: 10 * 60_000,
      nudgeMinIntervalMs: 2000,
      coalesceMs: 0,
      now: Date.now,
      random: Math.random,
      ...options,
      services: options.services ?? createServices(),
    };
    if (this.opts.coalesceMs > 0) this.wheel = new TimerWheel(this.opts.coalesceMs, this.opts.now);
    this.slots = new KeyedSlots(this.opts.maxInFlightPerOrigin, this.opts.maxInFlight);
    this.sweeper = new Sweeper(() => store.sweep(), this.opts.now);
    this.sweeper.arm();
  }

  /** Reconcile with a new set of plans: unchanged polls keep running untouched. */
  apply(plans: readonly TilePlan[]): void {
    const byKey = new Map<string, TilePlan[]>();
    for (const p of plans) byKey.set(p.pollKey, [...(byKey.get(p.pollKey) ?? []), p]);
    for (const [key, job] of this.jobs) {
      if (!byKey.has(key)) this.stopJob(job);
    }
    for (const [key, group] of byKey) {
      const existing = this.jobs.get(key);
      if (existing) {
        existing.tiles = new Set(group.map((p) => p.id));
        existing.plan = group[0]!;
        continue;
      }
      const plan = group[0]!;
      const job: Job = {
        key,
        plan,
        tiles: new Set(group.map((p) => p.id)),
        client: this.clientFor(plan),
        running: false,
        failures: 0,
        again: false,
        stopped: false,
        lastRunAt: 0,
        memo: new Map(),
      };
      this.jobs.set(key, job);
      // Spread the first polls a little so a board does not hit upstreams in one burst.
      this.schedule(job, this.opts.random() * Math.min(500, plan.everyMs));
    }
    const usedClients = new Set([...this.jobs.values()].map((j) => this.clientKey(j.plan)));
    for (const k of this.clients.keys()) if (!usedClients.has(k)) this.clients.delete(k);
    this.sweeper.arm();
  }

  /** Poll at once every job whose source listens to this webhook and whose filter matches. */
  nudge(webhook: string, payload: unknown): number {
    let count = 0;
    for (const job of this.jobs.values()) {
      const hook = job.plan.def.webhook;
      if (!hook || hook.name !== webhook) continue;
      let matches = true;
      try {
        matches = hook.matches ? hook.matches(payload, job.plan.params) : true;
      } catch {
        matches = true;
      }
      if (!matches) continue;
      count++;
      const wait = job.lastRunAt + this.opts.nudgeMinIntervalMs - this.opts.now();
      if (job.running) job.again = true;
      else if (wait > 0) this.schedule(job, wait);
      else {
        // At once, before the webhook's answer is written: the upstream works on the GET meanwhile.
        this.unschedule(job);
        void this.run(job);
      }
    }
    return count;
  }

  /** Poll the job of this tile at once (a pushed event arrived); false when no job has it. */
  pollNow(tile: string): boolean {
    const job = [...this.jobs.values()].find((j) => j.tiles.has(tile));
    if (!job) return false;
    if (job.running) job.again = true;
    else this.schedule(job, 0);
    return true;
  }

  /** Number of distinct polls (what upstream load scales with). */
  get pollCount(): number {
    return this.jobs.size;
  }

  stop(): void {
    this.sweeper.stop();
    for (const job of this.jobs.values()) this.stopJob(job);
    this.jobs.clear();
  }

  private stopJob(job: Job): void {
    job.stopped = true;
    this.unschedule(job);
    job.controller?.abort();
    this.jobs.delete(job.key);
  }

  private schedule(job: Job, delayMs: number): void {
    if (job.stopped) return;
    this.unschedule(job);
    // A nudge polls at once: setTimeout(…, 0) would wait for the next timers phase (≥ 1 ms), setImmediate does not.
    if (delayMs <= 0) job.soon = setImmediate(() => void this.run(job)).unref();
    else if (this.wheel) job.cancel = this.wheel.after(delayMs, () => void this.run(job));
    else {
      const timer = setTimeout(() => void this.run(job), delayMs).unref();
      job.cancel = () => clearTimeout(timer);
    }
  }

  private unschedule(job: Job): void {
    job.cancel?.();
    clearImmediate(job.soon);
    job.cancel = job.soon = undefined;
  }

  private async run(job: Job): Promise<void> {
    if (job.stopped || job.running) return;
    job.running = true;
    job.lastRunAt = this.opts.now();
    const plan = job.plan;
    const origin = originKey(job.client.baseUrl ?? urlParam(plan.params), plan.kind);
    await this.slots.acquire(origin);
    if (job.stopped) {
      this.slots.release(origin);
      job.running = false;
      return;
    }
    const started = performance.now();
    const controller = (job.controller = new AbortController());
    let timeout: ReturnType<typeof setTimeout> | undefined;
    let retryAt: number | undefined;
    try {
      const firstTile = this.store.get([...job.tiles][0]!);
      const ctx = pollContext(job.client, {
        now: new Date(this.opts.now()),
        signal: controller.signal,
        previous: firstTile,
        history: this.store.historyOf(firstTile?.id ?? ""),
        memo: job.memo,
        // tiles sharing a poll share a push kind's token, so an event to any of them is theirs
        events: (from) => [...job.tiles].flatMap((id) => this.store.eventsOf(id, from)).sort((a, b) => a.t - b.t),
      });
      const poll = runSource(plan.def, ctx, plan.params as never).then((fields) =>
        afterPoll(fields, plan, ctx, firstTile, (tile, from) => this.store.eventsOf(tile, from)),
      );
      const timedOut = new Promise<never>((_, reject) => {
        timeout = setTimeout(() => {
          controller.abort();
          reject(new UpstreamError(`no answer within ${plan.timeoutMs / 1000} s (poll timeout)`, "timeout"));
        }, plan.timeoutMs + POLL_TIMEOUT_MARGIN_MS);
      });
      const fields = await Promise.race([poll, timedOut]);
      if (job.stopped) return;
      if (!fields || typeof fields.status !== "string" || typeof fields.summary !== "string") {
        throw new Error(`the ${plan.kind} source returned no tile fields`);
      }
      // A secret the config names (a token in a check's URL) is scrubbed from every field, links included.
      const scrubbed = this.opts.services.redactor.scrub(fields);
      for (const id of job.tiles) this.store.applyFields(id, scrubbed);
      job.failures = 0;
    } catch (err) {
      if (job.stopped) return;
      job.failures++;
      const { redactor, metrics, log } = this.opts.services;
      const message = redactor.redact(job.client.http.redact(errorText(err)));
      const rateLimited = err instanceof UpstreamError && err.code === "rate-limited";
      retryAt = err instanceof UpstreamError ? err.retryAt : undefined;
      for (const id of job.tiles) this.store.applyError(id, message, rateLimited);
      metrics.poll.errors.inc({ kind: plan.kind });
      log("warn", `poll failed: ${plan.kind} (${[...job.tiles].join(", ")}): ${message}`, {
        tile: [...job.tiles].join(","),
        kind: plan.kind,
        connection: plan.connectionName,
      });
    } finally {
      clearTimeout(timeout);
      const { poll } = this.opts.services.metrics;
      poll.total.inc({ kind: plan.kind });
      poll.duration.observe({ kind: plan.kind }, (performance.now() - started) / 1000);
      this.slots.release(origin);
      job.running = false;
    }
    const again = job.again;
    job.again = false;
    this.schedule(job, again ? 0 : pollDelay(job.plan.everyMs, job.failures, retryAt, this.opts));
  }

  private clientKey(plan: TilePlan): string {
    return plan.connectionName
      ? `${plan.connectionName}\u0000${stable(plan.connection)}\u0000${plan.urlOverride ?? ""}\u0000${plan.timeoutMs}`
      : "";
  }

  /** Connection clients are shared by all tiles of a connection, so ETags and rate limits are too. */
  private clientFor(plan: TilePlan): Job["client"] {
    const metrics = this.opts.services.metrics.upstream;
    if (!plan.connection || !plan.connectionName)
      return { http: new HttpClient({ timeoutMs: plan.timeoutMs, name: plan.kind, metrics }) };
    const key = this.clientKey(plan);
    let client = this.clients.get(key);
    if (!client) {
      const conn = plan.urlOverride ? { ...plan.connection, url: plan.urlOverride } : plan.connection;
      client = connectionClient(plan.connectionName, conn, { timeoutMs: plan.timeoutMs, metrics });
      this.clients.set(key, client);
    }
    return client;
  }
}

/** Kinds without a connection (an `http` check) name their upstream in a `url` parameter. */
function urlParam(params: Record<string, unknown>): string | undefined {
  return typeof params.url === "string" ? params.url : undefined;
}

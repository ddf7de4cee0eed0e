/** Starts the collector: config → store, scheduler, hub → one HTTP server with the page, API and WebSocket. */
import { serve } from "@hono/node-server";
import type { Server } from "node:http";
import { readFileSync } from "node:fs";
import { loadConfig } from "./config/load.ts";
import { watchConfig } from "./config/watch.ts";
import { securitySettings } from "./config/security.ts";
import { planFrom } from "./plan.ts";
import { Store } from "./store.ts";
import { Scheduler } from "./scheduler.ts";
import { Hub } from "./hub.ts";
import { createApp } from "./app.ts";
import { attachWebSocket } from "./routes/ws.ts";
import type { Runtime } from "./runtime.ts";
import { CLOSE_RESTARTING } from "./contract.ts";
import { createServices, type Services } from "./services.ts";
import { WEB_DIST } from "./paths.ts";
import { WriteGuard } from "./routes/write-guard.ts";
import { openHistory } from "./history/open.ts";
import { watchWarden } from "./warden/watch.ts";
import { registerStatsMetrics } from "./stats/metrics.ts";
import { DEFAULT_RETENTION_MS } from "./history/types.ts";
import { clusterOptions } from "./cluster/options.ts";
import type { ClusterNode } from "./cluster/node.ts";
import { EventTap } from "./cluster/history-tap.ts";
import { POLL_SLOT_MS } from "./timer-wheel.ts";

export const DEFAULT_WEB_ROOT = WEB_DIST;

export interface ServeOptions {
  configPath: string;
  port: number;
  host: string;
  webRoot?: string;
  watch?: boolean;
  /** The history's directory (created if missing); undefined = memory only. */
  dataDir?: string;
  /** RADIATOR_WRITE_TOKEN, used when the config sets no `writeToken`. */
  writeToken?: string;
  /** `--cluster redis://…`: overrides the config's `cluster.redis`; none = the single-process default. */
  cluster?: string;
  now?: () => number;
}

/** Work that must finish before the process exits (e.g. flushing the history store). */
export type ShutdownHook = () => void | Promise<void>;

/** A hook gets this long; a stuck one is logged and skipped so a shutdown always ends. */
const SHUTDOWN_HOOK_TIMEOUT_MS = 5000;

export interface RunningServer {
  url: string;
  port: number;
  runtime: Runtime;
  /** Register work for close(): run in registration order after polls stop and screens are told. */
  onShutdown(name: string, hook: ShutdownHook): void;
  /** Stop polls (in-flight ones aborted), close screens with 4000 "restarting", run the hooks, stop listening. */
  close(): Promise<void>;
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const services = createServices({ process: true });
  const { redactor, log } = services;
  const loaded = await loadConfig(opts.configPath);
  const plan = planFrom(loaded.config);
  const clustering = clusterOptions(opts.cluster, loaded.config.cluster);
  const secretsOf = (secrets: string[]) => [...secrets, ...(clustering?.secrets ?? [])];
  redactor.setSecrets(secretsOf(loaded.secrets));
  // Parts made below (a history store, say) register their flush here: `hooks.push({ name, hook })`.
  const hooks: { name: string; hook: ShutdownHook }[] = [];
  const webRoot = opts.webRoot ?? DEFAULT_WEB_ROOT;
  const now = opts.now ?? Date.now;
  // the hub comes later; a disk failure before it exists is kept and shown once it does
  let failure: string | undefined;
  let notify = (_text: string) => undefined as void;
  const history = openHistory(opts.dataDir, {
    registry: services.metrics.registry,
    onFailure: (text) => {
      failure = text;
      notify(text);
    },
  });
  let cluster: ClusterNode | undefined;
  const backend = clustering ? new EventTap(history, (e) => cluster?.event(e)) : history;
  const store = new Store(now, undefined, backend, services.metrics);
  const makeScheduler = () => new Scheduler(store, { services, now, coalesceMs: POLL_SLOT_MS });
  const scheduler = makeScheduler();
  store.setPlans(plan.tiles);
  // In a cluster only the lease holder polls: the cluster node starts and stops the scheduler.
  if (!clustering) scheduler.apply(plan.tiles);
  // Followers learn a tile's freshness only from the leader's frames: a check that changed nothing shown
  // still travels, so their tiles do not go grey while the leader polls well (a single collector sends none).
  else store.patchChecks = true;
  const version = readVersion(webRoot);
  const hub = new Hub(
    store,
    { version, title: plan.title, boards: plan.boards, families: plan.families, night: plan.night },
    undefined,
    services,
  );
  notify = (text) => hub.sendNotice("warn", text);
  if (failure) notify(failure);
  const guard = new WriteGuard({ token: () => runtime.plan.writeToken ?? opts.writeToken, now });
  const runtime: Runtime = {
    store,
    scheduler,
    hub,
    plan,
    services,
    version,
    webRoot,
    guard,
    security: securitySettings(loaded.config),
    now,
  };
  const warden = watchWarden(store, hub, () => runtime.plan, now);
  registerStatsMetrics(services.metrics.registry, () => runtime, now);
  const prune = () => history.prune(now(), runtime.plan.retentionMs ?? DEFAULT_RETENTION_MS);
  prune();
  const pruneTimer = setInterval(prune, 3_600_000);
  pruneTimer.unref();
  const app = createApp(() => runtime);

  const server = await listen(app.fetch, opts.port, opts.host);
  const port = (server.address() as { port: number }).port;
  const wss = attachWebSocket(server, () => runtime);
  if (clustering) {
    // Loaded only in cluster mode: a single collector never loads the Redis client (startup time, idle RSS).
    const { startCluster } = await import("./cluster/node.ts");
    cluster = await startCluster({
      options: clustering.options,
      replica: clustering.options.replicaId ?? `${opts.host}:${port}`,
      runtime,
      makeScheduler,
      adopted: () => warden.check(),
      now,
    });
    runtime.cluster = cluster;
  }

  const reload = async () => {
    try {
      const loaded = await loadConfig(opts.configPath);
      const next = planFrom(loaded.config);
      // Only a config that will run replaces the secrets: a rejected edit leaves the last good one serving.
      redactor.setSecrets(secretsOf(loaded.secrets));
      store.setPlans(next.tiles);
      if (!cluster) runtime.scheduler.apply(next.tiles);
      runtime.plan = next;
      cluster?.replan();
      runtime.security = securitySettings(loaded.config);
      hub.setInfo({
        version,
        title: next.title,
        boards: next.boards,
        families: next.families,
        warden: warden.current(),
        night: next.night,
      });
      warden.check();
      hub.sendNotice("info", "Configuration reloaded");
      if (failure) hub.sendNotice("warn", failure);
      log(
        "info",
        `config reloaded: ${next.boards.length} boards, ${next.tiles.length} tiles, ${runtime.scheduler.pollCount} polls`,
      );
    } catch (err) {
      const text = (err as Error).message;
      hub.sendNotice("error", `Config not applied — still showing the last good one.\n${text}`);
      log("error", `config change rejected, keeping the last good config:\n${text}`);
    }
  };
  const missing = () => {
    const text = `config file ${opts.configPath} is missing; serving the last good version`;
    hub.sendNotice("warn", text);
    log("warn", text);
  };
  const unwatch = opts.watch === false ? () => undefined : watchConfig(opts.configPath, () => void reload(), missing);

  let closing: Promise<void> | undefined;
  return {
    url: `http://${opts.host.includes(":") ? `[${opts.host}]` : opts.host}:${port}`,
    port,
    runtime,
    onShutdown(name, hook) {
      hooks.push({ name, hook });
    },
    close() {
      closing ??= shutdown();
      return closing;
    },
  };

  async function shutdown(): Promise<void> {
    unwatch();
    clearInterval(pruneTimer);
    warden.stop();
    runtime.scheduler.stop();
    await cluster?.stop();
    hub.closeAll(CLOSE_RESTARTING, "restarting");
    for (const { name, hook } of hooks) await runHook(name, hook, log);
    store.dispose();
    wss.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections?.();
    });
    // Last: the store's final writes go into the history before its file is closed.
    history.close();
  }
}

async function runHook(name: string, hook: ShutdownHook, log: Services["log"]): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), SHUTDOWN_HOOK_TIMEOUT_MS)));
  try {
    const result = await Promise.race([Promise.resolve().then(hook), late]);
    if (result === "late")
      log("error", `shutdown: ${name} did not finish within ${SHUTDOWN_HOOK_TIMEOUT_MS / 1000} s; stopping anyway`);
  } catch (err) {
    log("error", `shutdown: ${name} failed: ${(err as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

function listen(fetch: Parameters<typeof serve>[0]["fetch"], port: number, hostname: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, () => resolve(server as Server)) as Server;
    server.once("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EADDRINUSE")
        reject(new Error(`port ${port} on ${hostname} is already in use; pick another with --port`));
      else if (err.code === "EADDRNOTAVAIL")
        reject(new Error(`cannot listen on ${hostname}: no such address on this machine (see --host)`));
      else reject(err);
    });
  });
}

/** The page build's id: a screen showing another build reloads itself after a deploy. */
function readVersion(webRoot: string): string {
  try {
    return (JSON.parse(readFileSync(`${webRoot}/version.json`, "utf8")) as { version: string }).version;
  } catch {
    return "unbuilt";
  }
}

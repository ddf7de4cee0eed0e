/** Starts the collector: config → store, scheduler, hub → one HTTP server with the page, API and WebSocket. */
import { serve } from "@hono/node-server";
import type { Server } from "node:http";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadConfig } from "./config/load.ts";
import { watchConfig } from "./config/watch.ts";
import { planFrom } from "./plan.ts";
import { Store } from "./store.ts";
import { Scheduler } from "./scheduler.ts";
import { Hub } from "./hub.ts";
import { createApp } from "./app.ts";
import { attachWebSocket } from "./routes/ws.ts";
import type { Runtime } from "./runtime.ts";
import { CLOSE_RESTARTING } from "./contract.ts";
import { log } from "./log.ts";

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL("../web/dist/", import.meta.url));

export interface ServeOptions {
  configPath: string;
  port: number;
  host: string;
  webRoot?: string;
  watch?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  runtime: Runtime;
  close(): Promise<void>;
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const config = await loadConfig(opts.configPath);
  const plan = planFrom(config);
  const webRoot = opts.webRoot ?? DEFAULT_WEB_ROOT;
  const store = new Store();
  const scheduler = new Scheduler(store);
  store.setPlans(plan.tiles);
  scheduler.apply(plan.tiles);
  const version = readVersion(webRoot);
  const hub = new Hub(store, { version, title: plan.title, boards: plan.boards, families: plan.families, night: plan.night });
  const runtime: Runtime = { store, scheduler, hub, plan, version, webRoot };
  const app = createApp(() => runtime);

  const server = await listen(app.fetch, opts.port, opts.host);
  const port = (server.address() as { port: number }).port;
  const wss = attachWebSocket(server, () => runtime);

  const reload = async () => {
    try {
      const next = planFrom(await loadConfig(opts.configPath));
      store.setPlans(next.tiles);
      scheduler.apply(next.tiles);
      runtime.plan = next;
      hub.setInfo({ version, title: next.title, boards: next.boards, families: next.families, night: next.night });
      hub.sendNotice("info", "Configuration reloaded");
      log("info", `config reloaded: ${next.boards.length} boards, ${next.tiles.length} tiles, ${scheduler.pollCount} polls`);
    } catch (err) {
      const text = (err as Error).message;
      hub.sendNotice("error", `Config not applied — still showing the last good one.\n${text}`);
      log("error", `config change rejected, keeping the last good config:\n${text}`);
    }
  };
  const unwatch = opts.watch === false ? () => undefined : watchConfig(opts.configPath, () => void reload());

  return {
    url: `http://${opts.host.includes(":") ? `[${opts.host}]` : opts.host}:${port}`,
    port,
    runtime,
    async close() {
      unwatch();
      scheduler.stop();
      hub.closeAll(CLOSE_RESTARTING, "restarting");
      store.dispose();
      wss.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
    },
  };
}

function listen(fetch: Parameters<typeof serve>[0]["fetch"], port: number, hostname: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, () => resolve(server as Server)) as Server;
    server.once("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EADDRINUSE") reject(new Error(`port ${port} on ${hostname} is already in use; pick another with --port`));
      else if (err.code === "EADDRNOTAVAIL") reject(new Error(`cannot listen on ${hostname}: no such address on this machine (see --host)`));
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

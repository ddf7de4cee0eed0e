/** The `radiator` command: argument parsing only. */
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { startServer } from "./server.ts";
import { loadConfig } from "./config/load.ts";
import { ConfigError } from "./config/errors.ts";
import { jsonSchema } from "./config/schema.ts";
import { kindsReference } from "./config/reference.ts";
import { log } from "./log.ts";
import { DEMO_CONFIG } from "./paths.ts";
import { kioskUrl, KioskUrlError } from "./kiosk-url.ts";
import { hostname } from "node:os";

const HELP = `radiator — a build-and-ops radiator for office screens

Usage:
  radiator serve [--config FILE] [--port N] [--host ADDR] [--data DIR] [--cluster redis://HOST:PORT/DB]
      Serve the boards in FILE (default: the demo board) at http://HOST:PORT,
      keeping history and claims in DIR (created if missing).
      --cluster: run as one replica of a cluster on Redis (one leader polls; see README).
      Env: RADIATOR_CONFIG, PORT, HOST, RADIATOR_DATA, RADIATOR_WRITE_TOKEN, RADIATOR_CLUSTER.
      Defaults: config/demo.json, 8080, 127.0.0.1, ./data.
      Use --host 0.0.0.0 to let TVs on the network connect.
  radiator check FILE...
      Validate config files; list every problem; exit 1 if any.
  radiator kiosk-url --board ID[,ID…] [--config FILE] [--base URL] [--theme NAME] [--rotate 30s]
      Print the address a TV opens for these boards. --base is the collector as the TV reaches it
      (default: http://THIS-HOST-NAME:PORT); board ids are checked against the config.
  radiator schema
      Print the config's JSON Schema (config/schema.json is this output).
  radiator docs
      Print the kinds reference (docs/kinds.md is this output).
  radiator help

Exit codes (for scripts): 0 ok · 1 invalid config (check, kiosk-url, or serve refusing to start)
or serve failing to start · 2 usage error (unknown command or option, bad value).
Env: LOG_FORMAT=json for one JSON object a log line; RADIATOR_LOG_LEVEL=warn|error to quiet the log.
`;

export async function main(argv: string[]): Promise<number> {
  const [command = "serve", ...rest] = argv;
  switch (command) {
    case "serve":
      return serveCommand(rest);
    case "check":
      return checkCommand(rest);
    case "kiosk-url":
      return kioskUrlCommand(rest);
    case "schema":
      process.stdout.write(`${JSON.stringify(jsonSchema(), null, 2)}\n`);
      return 0;
    case "docs":
      process.stdout.write(kindsReference());
      return 0;
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(HELP);
      return 0;
    default:
      process.stderr.write(`radiator: unknown command "${command}"\n\n${HELP}`);
      return 2;
  }
}

async function serveCommand(args: string[]): Promise<number> {
  let values: { config?: string; port?: string; host?: string; data?: string; cluster?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        config: { type: "string", short: "c" },
        port: { type: "string", short: "p" },
        host: { type: "string" },
        data: { type: "string" },
        cluster: { type: "string" },
      },
    }));
  } catch (err) {
    process.stderr.write(`radiator serve: ${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  const configPath = resolve(values.config ?? process.env.RADIATOR_CONFIG ?? DEMO_CONFIG);
  const port = Number(values.port ?? process.env.PORT ?? 8080);
  const host = values.host ?? process.env.HOST ?? "127.0.0.1";
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(
      `radiator serve: --port must be a number from 0 to 65535, not "${values.port ?? process.env.PORT}"\n`,
    );
    return 2;
  }
  // Lets a config refer to the collector itself, e.g. the demo board's check of /healthz.
  process.env.RADIATOR_URL ??= `http://${host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host}:${port}`;
  let server;
  try {
    const dataDir = resolve(values.data ?? process.env.RADIATOR_DATA ?? "data");
    server = await startServer({
      configPath,
      port,
      host,
      dataDir,
      writeToken: process.env.RADIATOR_WRITE_TOKEN || undefined,
      cluster: values.cluster ?? (process.env.RADIATOR_CLUSTER || undefined),
    });
  } catch (err) {
    const text = `radiator serve: ${err instanceof ConfigError ? `invalid config, not starting:\n${err.message}` : (err as Error).message}`;
    // With LOG_FORMAT=json a log collector reads stderr: even this last word is one JSON line.
    if (process.env.LOG_FORMAT === "json") log("error", text);
    else process.stderr.write(`${text}\n`);
    return 1;
  }
  const { plan, scheduler } = server.runtime;
  log(
    "info",
    `serving ${plan.boards.length} board(s), ${plan.tiles.length} tiles (${scheduler.pollCount} polls) from ${configPath}`,
  );
  log("info", `open ${server.url}/ — boards: ${plan.boards.map((b) => `${server.url}/?board=${b.id}`).join("  ")}`);
  await new Promise<void>((done) => {
    const stop = (signal: string) => {
      log("info", `${signal}: closing screens with "restarting" and stopping`);
      // A second signal means "now": systemd's stop timeout or an impatient Ctrl-C.
      process.once(signal, () => process.exit(1));
      void server.close().then(done);
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
  log("info", "stopped");
  // Everything is closed; a keep-alive socket to an upstream must not hold the exit back.
  setTimeout(() => process.exit(0), 1000).unref();
  return 0;
}

async function checkCommand(files: string[]): Promise<number> {
  if (files.length === 0) {
    process.stderr.write("radiator check: name at least one config file\n");
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    try {
      const { config } = await loadConfig(file);
      const tiles = config.boards.reduce((n, b) => n + b.tiles.length, 0);
      process.stdout.write(`${file}: ok (${config.boards.length} boards, ${tiles} tiles)\n`);
    } catch (err) {
      failed++;
      process.stderr.write(`${err instanceof ConfigError ? err.message : `${file}: ${(err as Error).message}`}\n`);
      if (err instanceof ConfigError)
        process.stderr.write(`${file}: ${err.issues.length} problem${err.issues.length === 1 ? "" : "s"}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}

async function kioskUrlCommand(args: string[]): Promise<number> {
  let values: { board?: string; config?: string; base?: string; theme?: string; rotate?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        board: { type: "string", short: "b" },
        config: { type: "string", short: "c" },
        base: { type: "string" },
        theme: { type: "string" },
        rotate: { type: "string" },
      },
    }));
  } catch (err) {
    process.stderr.write(`radiator kiosk-url: ${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (!values.board) {
    process.stderr.write("radiator kiosk-url: name the board with --board ID (several: --board team,ops)\n");
    return 2;
  }
  const configPath = resolve(values.config ?? process.env.RADIATOR_CONFIG ?? DEMO_CONFIG);
  let boardIds: string[];
  try {
    boardIds = (await loadConfig(configPath)).config.boards.map((b) => b.id);
  } catch (err) {
    process.stderr.write(`${err instanceof ConfigError ? err.message : `${configPath}: ${(err as Error).message}`}\n`);
    return 1;
  }
  const base = values.base ?? `http://${hostname()}:${process.env.PORT ?? 8080}`;
  try {
    process.stdout.write(
      `${kioskUrl({ base, board: values.board, theme: values.theme, rotate: values.rotate }, boardIds)}\n`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof KioskUrlError)) throw err;
    process.stderr.write(`radiator kiosk-url: ${err.message}\n`);
    return 2;
  }
}

/**
 * A real Icinga 2 from Debian (`icinga2-bin`) on a free loopback port, in a temp
 * folder with its own CA and node certificate, for integration tests. Hosts and
 * services run a `dummy` command whose state and text are object vars; the test
 * changes them at run time through the API (`process-check-result`,
 * `acknowledge-problem`), so nothing depends on timing inside Icinga.
 * Recipe: /work/shared/notes/real-components.md §6.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent } from "undici";
import { freePort } from "./collector-process.ts";
import { makeTestCa } from "./test-ca.ts";

export const ICINGA_BIN = "/usr/sbin/icinga2";
export const ICINGA_USER = "radiator";
export const ICINGA_PASSWORD = "icinga-s3cret-pw";

export interface IcingaServer {
  /** API root, https://127.0.0.1:PORT/v1 */
  url: string;
  /** The test CA that signed the API's certificate. */
  caFile: string;
  /** A CA that did not. */
  wrongCaFile: string;
  dir: string;
  /** POST an action (as the admin ApiUser) and return the JSON answer. */
  action(name: string, body: Record<string, unknown>): Promise<unknown>;
  /** Query as the admin ApiUser. */
  query(
    type: "services" | "hosts",
    filter: string,
  ): Promise<{ results: { name: string; attrs: Record<string, unknown> }[] }>;
  logs(): string;
  stop(): Promise<void>;
}

export interface IcingaObjects {
  /** Extra config text (Host/Service objects using `check_command = "dummy"`). */
  objects: string;
}

const ADMIN = { user: "admin", password: "icinga-admin-pw" };

export async function startIcinga(opts: IcingaObjects): Promise<IcingaServer> {
  if (!existsSync(ICINGA_BIN)) throw new Error(`missing ${ICINGA_BIN}: apt-get install icinga2-bin icinga2-common`);
  const dir = mkdtempSync(join(tmpdir(), "radiator-icinga-"));
  for (const d of ["var/run", "var/lib/spool", "var/cache", "var/log", "zones.d"])
    mkdirSync(join(dir, d), { recursive: true });
  makeTestCa(dir);
  const port = await freePort();
  writeFileSync(
    join(dir, "icinga2.conf"),
    `
const NodeName = "localhost"
const ZoneName = "master"
object Endpoint NodeName { }
object Zone ZoneName { endpoints = [ NodeName ] }
object ApiListener "api" {
  bind_host = "127.0.0.1"
  bind_port = ${port}
  cert_path = "${dir}/node.crt"
  key_path = "${dir}/node.key"
  ca_path = "${dir}/ca.crt"
}
object ApiUser "${ICINGA_USER}" { password = "${ICINGA_PASSWORD}"; permissions = [ "objects/query/*", "status/query" ] }
object ApiUser "${ADMIN.user}" { password = "${ADMIN.password}"; permissions = [ "*" ] }
object CheckerComponent "checker" { }
object CheckCommand "dummy" { command = [ "/bin/sh", "-c", "echo \\"$dummy_text$\\"; exit $dummy_state$" ] }
${opts.objects}
`,
  );
  const logFile = join(dir, "icinga.log");
  const fd = openSync(logFile, "w");
  const D = (k: string, v: string) => `-D${k}=${v}`;
  const child: ChildProcess = spawn(
    ICINGA_BIN,
    [
      "daemon",
      "-c",
      join(dir, "icinga2.conf"),
      D("RunAsUser", "root"),
      D("RunAsGroup", "root"),
      D("DataDir", `${dir}/var/lib`),
      D("LogDir", `${dir}/var/log`),
      D("CacheDir", `${dir}/var/cache`),
      D("SpoolDir", `${dir}/var/lib/spool`),
      D("InitRunDir", `${dir}/var/run`),
      D("PkgDataDir", "/usr/share/icinga2"),
      D("IncludeConfDir", "/usr/share/icinga2/include"),
      D("ZonesDir", `${dir}/zones.d`),
    ],
    { stdio: ["ignore", fd, fd] },
  );
  closeSync(fd);
  const exit = () => child.kill("SIGKILL");
  process.once("exit", exit);
  const url = `https://127.0.0.1:${port}/v1`;
  const agent = new Agent({ connect: { ca: readFileSync(join(dir, "ca.crt"), "utf8") } });
  const auth = `Basic ${Buffer.from(`${ADMIN.user}:${ADMIN.password}`).toString("base64")}`;
  const call = async (path: string, body: unknown, override?: string) => {
    const res = await fetch(`${url}${path}`, {
      method: "POST",
      body: JSON.stringify(body),
      dispatcher: agent,
      headers: {
        authorization: auth,
        accept: "application/json",
        "content-type": "application/json",
        ...(override ? { "x-http-method-override": override } : {}),
      },
    } as RequestInit);
    const text = await res.text();
    if (!res.ok) throw new Error(`Icinga ${path} answered ${res.status}: ${text}`);
    return JSON.parse(text) as unknown;
  };
  const logs = () => (existsSync(logFile) ? readFileSync(logFile, "utf8") : "");
  const stop = async () => {
    process.removeListener("exit", exit);
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 5000);
      await gone;
      clearTimeout(t);
    }
    await agent.close();
    rmSync(dir, { recursive: true, force: true });
  };
  // Bounded: the API answers within ~5 s on this machine.
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`icinga2 exited with ${child.exitCode}:\n${logs().slice(-3000)}`);
    try {
      await call("/status", {}, "GET");
      break;
    } catch (err) {
      if (Date.now() - started > 30_000) {
        await stop();
        throw new Error(`icinga2 API not up within 30 s: ${(err as Error).message}\n${logs().slice(-3000)}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return {
    url,
    dir,
    caFile: join(dir, "ca.crt"),
    wrongCaFile: join(dir, "wrong.crt"),
    logs,
    stop,
    action: (name, body) => call(`/actions/${name}`, body),
    query: (type, filter) => call(`/objects/${type}`, { filter }, "GET") as never,
  };
}

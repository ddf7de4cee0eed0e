/**
 * A real Nagios Core 4 from Debian (`nagios4-core`, `nagios4-cgi`) in a temp
 * folder, its statusjson.cgi served by `cgiServer` behind basic auth. Every
 * check runs `dummy.sh <state> <text>` from the folder; the test changes a
 * result by rewriting a per-service state file or through the external
 * command file (ACKNOWLEDGE_SVC_PROBLEM, PROCESS_SERVICE_CHECK_RESULT).
 * Recipe: /work/shared/notes/real-components.md §7.
 */
import { spawn, type ChildProcess } from "node:child_process";
import {
  appendFileSync,
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cgiServer, type CgiServer } from "./cgi-server.ts";

export const NAGIOS_BIN = "/usr/sbin/nagios4";
export const STATUSJSON = "/usr/lib/cgi-bin/nagios4/statusjson.cgi";
export const NAGIOS_USER = "radiator";
export const NAGIOS_PASSWORD = "nagios-s3cret-pw";

export interface NagiosCheck {
  host: string;
  /** Left out: the host check. */
  service?: string;
  state: number;
  text: string;
  /** Default 1: every failure is hard at once. */
  maxAttempts?: number;
}

export interface NagiosServer {
  /** The CGI root, like http://host/cgi-bin/nagios4 */
  url: string;
  dir: string;
  /** Rewrite what a check's next run returns. */
  setCheck(host: string, service: string | undefined, state: number, text: string): void;
  /** Write one external command (without the [timestamp]) to the command file. */
  command(line: string): void;
  logs(): string;
  stop(): Promise<void>;
}

const key = (host: string, service?: string) => `${host}__${service ?? "HOST"}`.replace(/[^\w-]/g, "_");

export async function startNagios(checks: NagiosCheck[]): Promise<NagiosServer> {
  for (const f of [NAGIOS_BIN, STATUSJSON])
    if (!existsSync(f)) throw new Error(`missing ${f}: apt-get install nagios4-core nagios4-cgi`);
  const dir = mkdtempSync(join(tmpdir(), "radiator-nagios-"));
  mkdirSync(join(dir, "checkresults"));
  mkdirSync(join(dir, "state"));
  mkdirSync(join(dir, "tmp"));
  writeFileSync(
    join(dir, "dummy.sh"),
    `#!/bin/sh\n# reads state and text from state/<key> so the test can flip them\nf="${dir}/state/$1"\nstate=$(head -n1 "$f")\ntail -n +2 "$f"\nexit "$state"\n`,
  );
  chmodSync(join(dir, "dummy.sh"), 0o755);
  const setCheck = (host: string, service: string | undefined, state: number, text: string) =>
    writeFileSync(join(dir, "state", key(host, service)), `${state}\n${text}\n`);
  for (const c of checks) setCheck(c.host, c.service, c.state, c.text);
  const hosts = [...new Set(checks.map((c) => c.host))];
  const block = (type: string, fields: Record<string, string | number>) =>
    `define ${type} {\n${Object.entries(fields)
      .map(([k, v]) => `  ${k} ${v}`)
      .join("\n")}\n}\n`;
  const common = {
    check_interval: 1,
    retry_interval: 1,
    check_period: "always",
    notification_period: "always",
    notifications_enabled: 0,
    contacts: "radiator",
    active_checks_enabled: 1,
  };
  writeFileSync(
    join(dir, "objects.cfg"),
    [
      block("timeperiod", {
        timeperiod_name: "always",
        alias: "always",
        sunday: "00:00-24:00",
        monday: "00:00-24:00",
        tuesday: "00:00-24:00",
        wednesday: "00:00-24:00",
        thursday: "00:00-24:00",
        friday: "00:00-24:00",
        saturday: "00:00-24:00",
      }),
      block("command", { command_name: "dummy", command_line: `${dir}/dummy.sh $ARG1$` }),
      block("command", { command_name: "notify-none", command_line: "/bin/true" }),
      block("contact", {
        contact_name: "radiator",
        host_notifications_enabled: 0,
        service_notifications_enabled: 0,
        host_notification_period: "always",
        service_notification_period: "always",
        host_notification_options: "n",
        service_notification_options: "n",
        host_notification_commands: "notify-none",
        service_notification_commands: "notify-none",
      }),
      ...hosts.map((h) => {
        const c = checks.find((x) => x.host === h && !x.service);
        if (!c) setCheck(h, undefined, 0, "PING OK");
        return block("host", {
          host_name: h,
          address: "127.0.0.1",
          check_command: `dummy!${key(h)}`,
          max_check_attempts: c?.maxAttempts ?? 1,
          ...common,
        });
      }),
      ...checks
        .filter((c) => c.service)
        .map((c) =>
          block("service", {
            host_name: c.host,
            service_description: c.service!,
            check_command: `dummy!${key(c.host, c.service)}`,
            max_check_attempts: c.maxAttempts ?? 1,
            ...common,
          }),
        ),
    ].join("\n"),
  );
  const cfg = {
    cfg_file: `${dir}/objects.cfg`,
    status_file: `${dir}/status.dat`,
    status_update_interval: 1,
    interval_length: 1,
    nagios_user: "root",
    nagios_group: "root",
    retain_state_information: 0,
    check_result_path: `${dir}/checkresults`,
    check_result_reaper_frequency: 1,
    lock_file: `${dir}/nagios.lock`,
    temp_file: `${dir}/nagios.tmp`,
    temp_path: `${dir}/tmp`,
    log_file: `${dir}/nagios.log`,
    object_cache_file: `${dir}/objects.cache`,
    precached_object_file: `${dir}/objects.precache`,
    command_file: `${dir}/nagios.cmd`,
    check_external_commands: 1,
    command_check_interval: "-1",
    resource_file: `${dir}/resource.cfg`,
    max_service_check_spread: 1,
    max_host_check_spread: 1,
    use_syslog: 0,
    enable_notifications: 0,
    log_initial_states: 0,
    execute_host_checks: 1,
    execute_service_checks: 1,
    accept_passive_service_checks: 1,
    illegal_macro_output_chars: "`~$&|'\"<>",
  };
  writeFileSync(join(dir, "resource.cfg"), "$USER1$=/usr/lib/nagios/plugins\n");
  writeFileSync(
    join(dir, "nagios.cfg"),
    Object.entries(cfg)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n") + "\n",
  );
  writeFileSync(
    join(dir, "cgi.cfg"),
    [
      `main_config_file=${dir}/nagios.cfg`,
      "use_authentication=1",
      `authorized_for_all_services=${NAGIOS_USER}`,
      `authorized_for_all_hosts=${NAGIOS_USER}`,
      `authorized_for_system_information=${NAGIOS_USER}`,
    ].join("\n") + "\n",
  );
  const fd = openSync(join(dir, "stdout.log"), "w");
  const child: ChildProcess = spawn(NAGIOS_BIN, [join(dir, "nagios.cfg")], { cwd: dir, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  const exit = () => child.kill("SIGKILL");
  process.once("exit", exit);
  let cgi: CgiServer | undefined;
  const logs = () =>
    ["stdout.log", "nagios.log"]
      .map((f) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), "utf8") : ""))
      .join("\n");
  const stop = async () => {
    process.removeListener("exit", exit);
    await cgi?.close();
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 5000);
      await gone;
      clearTimeout(t);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // Bounded wait for the status file (Nagios writes it once its first status update runs).
  const started = Date.now();
  while (!existsSync(join(dir, "status.dat"))) {
    if (child.exitCode !== null) throw new Error(`nagios4 exited with ${child.exitCode}:\n${logs().slice(-3000)}`);
    if (Date.now() - started > 20_000) {
      await stop();
      throw new Error(`nagios4 wrote no status within 20 s:\n${logs().slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  cgi = await cgiServer({
    programs: { "statusjson.cgi": STATUSJSON },
    env: { NAGIOS_CGI_CONFIG: join(dir, "cgi.cfg"), PATH: "/usr/bin:/bin" },
    user: NAGIOS_USER,
    password: NAGIOS_PASSWORD,
  });
  return {
    url: `${cgi.url}/cgi-bin/nagios4`,
    dir,
    setCheck,
    logs,
    stop,
    command: (line) => appendFileSync(join(dir, "nagios.cmd"), `[${Math.floor(Date.now() / 1000)}] ${line}\n`),
  };
}

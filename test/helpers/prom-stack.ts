/**
 * A real Prometheus stack from Debian's packages — Prometheus, Alertmanager,
 * node_exporter and blackbox_exporter — started as plain processes on free
 * loopback ports with temporary config files, for integration tests.
 *
 * Prometheus scrapes every second. Two alert rules: `AlwaysFiring` (critical),
 * and `ProbeDown` (warning), which fires while the test-controlled HTTP server
 * `probeTarget` answers 500 — blackbox_exporter probes it. With `webhook`,
 * Alertmanager notifies that URL of alerts labelled `hook="radiator"`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { freePort } from "./collector-process.ts";

const BINARIES = [
  "prometheus",
  "prometheus-alertmanager",
  "prometheus-node-exporter",
  "prometheus-blackbox-exporter",
] as const;
const INSTALL =
  "apt-get install prometheus prometheus-alertmanager prometheus-node-exporter prometheus-blackbox-exporter";

export interface PromStack {
  prometheus: string;
  alertmanager: string;
  nodeExporter: string;
  /** host:port of node_exporter, as its `instance` label reads. */
  nodeInstance: string;
  /** The URL blackbox_exporter probes; `setProbe(false)` makes it answer 500 so `ProbeDown` fires. */
  probeTarget: string;
  setProbe(healthy: boolean): void;
  stopNodeExporter(): Promise<void>;
  /** Post an alert straight into Alertmanager (no rule, no 5 s wait for Prometheus). */
  injectAlert(labels: Record<string, string>, annotations?: Record<string, string>): Promise<void>;
  /** Create a silence through Alertmanager's API; returns its id. */
  silence(matchers: Record<string, string>, comment?: string): Promise<string>;
  /** Each process's log, for failure messages. */
  logs(): string;
  stop(): Promise<void>;
}

/** The absolute path of a binary on PATH, or undefined. */
function which(bin: string): string | undefined {
  for (const dir of (process.env.PATH ?? "/usr/bin").split(delimiter)) {
    if (dir && existsSync(join(dir, bin))) return join(dir, bin);
  }
  return undefined;
}

export function missingBinaries(): string[] {
  return BINARIES.filter((b) => !which(b));
}

/** Poll until `check` resolves truthy; the error names what was awaited and its last state. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
  everyMs = 200,
): Promise<T> {
  const started = Date.now();
  let last: unknown;
  while (Date.now() - started < timeoutMs) {
    try {
      const v = await check();
      if (v) return v;
      last = v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(
    `${what}: not within ${timeoutMs} ms; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`,
  );
}

const live = new Set<ChildProcess>();
// A crashed test run must not leave servers behind.
process.once("exit", () => {
  for (const c of live) c.kill("SIGKILL");
});

export interface PromStackOptions {
  /** Alertmanager sends its webhook notifications for alerts labelled `hook="radiator"` here. */
  webhook?: { url: string; secret?: string };
  /** Files for node_exporter's textfile collector (name → contents, e.g. `apt.prom`). */
  textfiles?: Record<string, string>;
  /** An https URL that blackbox_exporter probes (job `tls`), trusting this CA file: gives `probe_ssl_earliest_cert_expiry`. */
  tlsProbe?: { url: string; caFile: string };
}

export async function startPromStack(opts: PromStackOptions = {}): Promise<PromStack> {
  const missing = missingBinaries();
  if (missing.length)
    throw new Error(`missing ${missing.join(", ")}: the integration tests need the Prometheus stack — ${INSTALL}`);
  const dir = mkdtempSync(join(tmpdir(), "radiator-prom-"));
  const [pPort, aPort, nPort, bPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  let healthy = true;
  const probe: Server = createServer((_req, res) => res.writeHead(healthy ? 200 : 500).end(healthy ? "ok" : "down"));
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const probeTarget = `http://127.0.0.1:${(probe.address() as { port: number }).port}/health`;
  const at = (port: number) => `127.0.0.1:${port}`;

  writeFileSync(
    join(dir, "prometheus.yml"),
    `
global: { scrape_interval: 1s, evaluation_interval: 1s }
rule_files: [rules.yml]
alerting:
  alertmanagers: [{ static_configs: [{ targets: ['${at(aPort)}'] }] }]
scrape_configs:
  - job_name: prometheus
    static_configs: [{ targets: ['${at(pPort)}'] }]
  - job_name: node
    static_configs: [{ targets: ['${at(nPort)}'] }]
  - job_name: blackbox
    static_configs: [{ targets: ['${at(bPort)}'] }]
  - job_name: probe
    metrics_path: /probe
    params: { module: [http_2xx] }
    static_configs: [{ targets: ['${probeTarget}'] }]
    relabel_configs:
      - { source_labels: [__address__], target_label: __param_target }
      - { source_labels: [__param_target], target_label: instance }
      - { target_label: __address__, replacement: '${at(bPort)}' }
${
  opts.tlsProbe
    ? `  - job_name: tls
    metrics_path: /probe
    params: { module: [https_ca] }
    static_configs: [{ targets: ['${opts.tlsProbe.url}'] }]
    relabel_configs:
      - { source_labels: [__address__], target_label: __param_target }
      - { source_labels: [__param_target], target_label: instance }
      - { target_label: __address__, replacement: '${at(bPort)}' }
`
    : ""
}`,
  );
  writeFileSync(
    join(dir, "rules.yml"),
    `
groups:
  - name: radiator-test
    interval: 1s
    rules:
      - alert: AlwaysFiring
        expr: vector(1) > 0
        labels: { severity: critical, team: ops }
        annotations: { summary: test alert that fires at once }
      - alert: ProbeDown
        expr: probe_success{job="probe"} == 0
        labels: { severity: warning, team: web }
        annotations: { summary: 'the probed site is down', description: '{{ $labels.instance }} answers an error' }
`,
  );
  const hook = opts.webhook;
  writeFileSync(
    join(dir, "alertmanager.yml"),
    `
route:
  receiver: blackhole
  group_by: [alertname]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
${hook ? "  routes: [{ receiver: radiator, matchers: ['hook=\"radiator\"'] }]" : ""}
receivers:
  - name: blackhole
${
  hook
    ? `  - name: radiator
    webhook_configs:
      - url: '${hook.url}'
        send_resolved: true
${hook.secret ? `        http_config: { authorization: { credentials: '${hook.secret}' } }` : ""}`
    : ""
}
`,
  );
  writeFileSync(
    join(dir, "blackbox.yml"),
    `
modules:
  http_2xx: { prober: http, timeout: 2s, http: { preferred_ip_protocol: ip4 } }
${opts.tlsProbe ? `  https_ca: { prober: http, timeout: 2s, http: { preferred_ip_protocol: ip4, tls_config: { ca_file: '${opts.tlsProbe.caFile}' } } }` : ""}
`,
  );

  const procs = new Map<string, ChildProcess>();
  const run = (name: string, bin: string, args: string[]) => {
    const log = openSync(join(dir, `${name}.log`), "a");
    const child = spawn(bin, args, { cwd: dir, stdio: ["ignore", log, log] });
    closeSync(log);
    live.add(child);
    child.once("exit", () => live.delete(child));
    procs.set(name, child);
  };
  const kill = async (name: string) => {
    const c = procs.get(name);
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once("exit", r));
    c.kill("SIGTERM");
    const timer = setTimeout(() => c.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  };
  const logs = () =>
    [...procs.keys()]
      .map((n) => {
        const text = existsSync(join(dir, `${n}.log`)) ? readFileSync(join(dir, `${n}.log`), "utf8") : "";
        return `--- ${n} (exit ${procs.get(n)?.exitCode ?? "running"}) ---\n${text.split("\n").slice(-15).join("\n")}`;
      })
      .join("\n");
  const stop = async () => {
    await Promise.all([...procs.keys()].map(kill));
    await new Promise((r) => probe.close(r));
    rmSync(dir, { recursive: true, force: true });
  };

  const textfiles = join(dir, "textfiles");
  mkdirSync(textfiles);
  for (const [name, text] of Object.entries(opts.textfiles ?? {})) writeFileSync(join(textfiles, name), text);
  run("node", "prometheus-node-exporter", [
    `--web.listen-address=${at(nPort)}`,
    "--no-collector.systemd",
    `--collector.textfile.directory=${textfiles}`,
  ]);
  run("blackbox", "prometheus-blackbox-exporter", ["--config.file=blackbox.yml", `--web.listen-address=${at(bPort)}`]);
  run("alertmanager", "prometheus-alertmanager", [
    "--config.file=alertmanager.yml",
    "--storage.path=am-data",
    `--web.listen-address=${at(aPort)}`,
    "--cluster.listen-address=",
  ]);
  run("prometheus", "prometheus", [
    "--config.file=prometheus.yml",
    "--storage.tsdb.path=data",
    `--web.listen-address=${at(pPort)}`,
    "--rules.alert.resend-delay=1s",
  ]);

  const urls = {
    prometheus: `http://${at(pPort)}`,
    alertmanager: `http://${at(aPort)}`,
    nodeExporter: `http://${at(nPort)}`,
  };
  try {
    for (const url of [
      `${urls.prometheus}/-/ready`,
      `${urls.alertmanager}/-/ready`,
      `${urls.nodeExporter}/metrics`,
      `http://${at(bPort)}/-/healthy`,
    ]) {
      await eventually(
        `${url} ready`,
        async () => {
          const dead = [...procs].find(([, c]) => c.exitCode !== null);
          if (dead) throw new Error(`${dead[0]} exited with ${dead[1].exitCode}`);
          return (await fetch(url)).ok;
        },
        20_000,
        100,
      );
    }
  } catch (err) {
    const text = `${(err as Error).message}\n${logs()}`;
    await stop();
    throw new Error(text);
  }

  return {
    ...urls,
    nodeInstance: at(nPort),
    probeTarget,
    setProbe: (h) => {
      healthy = h;
    },
    stopNodeExporter: () => kill("node"),
    async injectAlert(labels, annotations = {}) {
      const res = await fetch(`${urls.alertmanager}/api/v2/alerts`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify([{ labels, annotations }]),
      });
      if (!res.ok) throw new Error(`POST /api/v2/alerts answered ${res.status}: ${await res.text()}`);
    },
    async silence(matchers, comment = "radiator integration test") {
      const now = Date.now();
      const res = await fetch(`${urls.alertmanager}/api/v2/silences`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          matchers: Object.entries(matchers).map(([name, value]) => ({ name, value, isRegex: false, isEqual: true })),
          startsAt: new Date(now - 1000).toISOString(),
          endsAt: new Date(now + 3_600_000).toISOString(),
          createdBy: "radiator-test",
          comment,
        }),
      });
      if (!res.ok) throw new Error(`POST /api/v2/silences answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { silenceID: string }).silenceID;
    },
    logs,
    stop,
  };
}

/**
 * Debian's Prometheus scraping Debian's pushgateway every second, on free loopback ports: a test sets
 * a metric's value with `push` and reads it back through Prometheus like any scraped metric.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./collector-process.ts";
import { eventually } from "./prom-stack.ts";

export interface PushStack {
  prometheus: string;
  /** Replace the pushed metrics of job `radiator` with these (name → value). */
  push(values: Record<string, number>): Promise<void>;
  /** An instant query's first value, or undefined. */
  query(expr: string): Promise<number | undefined>;
  logs(): string;
  stop(): Promise<void>;
}

export async function startPushStack(): Promise<PushStack> {
  const dir = mkdtempSync(join(tmpdir(), "radiator-push-"));
  const [pPort, gPort] = await Promise.all([freePort(), freePort()]);
  const at = (port: number) => `127.0.0.1:${port}`;
  writeFileSync(
    join(dir, "prometheus.yml"),
    `
global: { scrape_interval: 1s, evaluation_interval: 1s }
scrape_configs:
  - job_name: pushgateway
    honor_labels: true
    static_configs: [{ targets: ['${at(gPort)}'] }]
`,
  );
  const procs = new Map<string, ChildProcess>();
  const run = (name: string, bin: string, args: string[]) => {
    const log = openSync(join(dir, `${name}.log`), "a");
    const child = spawn(bin, args, { cwd: dir, stdio: ["ignore", log, log] });
    closeSync(log);
    procs.set(name, child);
  };
  run("pushgateway", "prometheus-pushgateway", [`--web.listen-address=${at(gPort)}`]);
  run("prometheus", "prometheus", [
    "--config.file=prometheus.yml",
    "--storage.tsdb.path=data",
    `--web.listen-address=${at(pPort)}`,
  ]);
  const logs = () =>
    [...procs.keys()]
      .map((n) => {
        const f = join(dir, `${n}.log`);
        return `--- ${n} ---\n${existsSync(f) ? readFileSync(f, "utf8").split("\n").slice(-10).join("\n") : ""}`;
      })
      .join("\n");
  const stop = async () => {
    await Promise.all(
      [...procs.values()].map(async (c) => {
        if (c.exitCode !== null || c.signalCode !== null) return;
        const exited = new Promise((r) => c.once("exit", r));
        c.kill("SIGTERM");
        const timer = setTimeout(() => c.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  const prometheus = `http://${at(pPort)}`;
  try {
    for (const url of [`${prometheus}/-/ready`, `http://${at(gPort)}/-/ready`])
      await eventually(`${url} ready`, async () => (await fetch(url)).ok, 20_000, 100);
  } catch (err) {
    const text = `${(err as Error).message}\n${logs()}`;
    await stop();
    throw new Error(text);
  }
  return {
    prometheus,
    async push(values) {
      const body = Object.entries(values)
        .map(([k, v]) => `${k} ${v}\n`)
        .join("");
      // PUT replaces every metric of the group: exactly these values from now on
      const res = await fetch(`http://${at(gPort)}/metrics/job/radiator`, { method: "PUT", body });
      if (!res.ok) throw new Error(`pushgateway answered ${res.status}: ${await res.text()}`);
    },
    async query(expr) {
      const res = await fetch(`${prometheus}/api/v1/query?query=${encodeURIComponent(expr)}`);
      const body = (await res.json()) as { data?: { result?: { value: [number, string] }[] } };
      const v = body.data?.result?.[0]?.value[1];
      return v === undefined ? undefined : Number(v);
    },
    logs,
    stop,
  };
}

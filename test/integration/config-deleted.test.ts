// Defect 5 of issue 8: deleting the config file kept the last good tiles but told nobody.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startCollector, type CollectorProcess } from "../helpers/collector-process.ts";

const config = {
  title: "Deleted",
  boards: [
    { id: "main", title: "Main", tiles: [{ id: "d1", title: "Demo", kind: "demo", scenario: "metric", every: "1s" }] },
  ],
};

let collector: CollectorProcess;
beforeAll(async () => {
  collector = await startCollector({ config, env: { RADIATOR_LOG_LEVEL: "info" } });
});
afterAll(async () => {
  await collector?.stop();
});

/** The notices a freshly connected screen receives in its first second. */
async function noticesOnConnect(): Promise<{ level: string; text: string }[]> {
  const ws = new WebSocket(`${collector.url.replace("http", "ws")}/ws?board=main`);
  const notices: { level: string; text: string }[] = [];
  ws.on("message", (data) => {
    const m = JSON.parse(String(data)) as { type: string; level: string; text: string };
    if (m.type === "notice") notices.push({ level: m.level, text: m.text });
  });
  await new Promise((r) => ws.once("open", r));
  await new Promise((r) => setTimeout(r, 1000));
  ws.close();
  return notices;
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms:\n${collector.output()}`);
}

describe("a deleted config file", () => {
  it("warns every screen and the log, keeps the last good tiles, and clears the warning when the file is back", async () => {
    await collector.waitForTile("d1", (t) => t.checkedAt !== null);
    const line = `config file ${collector.configPath} is missing; serving the last good version`;
    rmSync(collector.configPath);
    await waitFor(() => collector.output().includes(line), "the log line");
    const notices = await noticesOnConnect();
    expect(notices).toEqual([{ level: "warn", text: line }]);
    expect((await collector.state()).tiles.map((t) => t.id)).toEqual(["d1"]);

    collector.writeConfig(config);
    await waitFor(() => collector.output().includes("config reloaded"), "the reload");
    expect(await noticesOnConnect()).toEqual([]);
  });
});

// The history survives a restart of the real process; a broken data directory or database leaves it serving on memory.
import { afterEach, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { startCollector, type CollectorProcess } from "../helpers/collector-process.ts";
import { fakeUpstream, fixture, type FakeUpstream } from "../helpers/fake-upstream.ts";
import type { ServerMessage, TileDetail } from "../../collector/contract.ts";

let collector: CollectorProcess | undefined;
let up: FakeUpstream | undefined;
afterEach(async () => {
  await collector?.stop();
  await up?.close();
  collector = up = undefined;
});

/** A search whose count grows by one each poll: a failing tile with a growing sparkline. */
async function growingSearch(): Promise<FakeUpstream> {
  const body = fixture("github/search-issues.json") as { total_count: number };
  let n = 0;
  return fakeUpstream({ "GET /search/issues": () => ({ json: { ...body, total_count: 20 + n++ } }) });
}

const config = (url: string) => ({
  title: "History",
  connections: { gh: { type: "github", url, token: "ghp_history_token_1" } },
  boards: [
    {
      id: "main",
      title: "Main",
      tiles: [
        {
          id: "issues",
          title: "Open issues",
          kind: "github-issues",
          connection: "gh",
          query: "repo:acme/api is:open",
          fail: 10,
          every: "1s",
          // A restart on a busy machine can outlast 3 × every: the tile would then rightly go unknown (stale)
          // until its first fresh poll, a status change this test is not about.
          staleAfter: "2m",
        },
      ],
    },
  ],
});

async function detail(c: CollectorProcess, id: string): Promise<TileDetail> {
  return (await (await fetch(`${c.url}/api/tiles/${id}`)).json()) as TileDetail;
}

async function metric(c: CollectorProcess, name: string): Promise<string | undefined> {
  const text = await (await fetch(`${c.url}/metrics`)).text();
  return new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1];
}

/** The notice a screen is shown on connect. */
async function noticeOnConnect(c: CollectorProcess): Promise<{ level: string; text: string } | undefined> {
  const ws = new WebSocket(`${c.url.replace("http", "ws")}/ws`);
  const messages: ServerMessage[] = [];
  ws.on("message", (d) => messages.push(JSON.parse(String(d)) as ServerMessage));
  await new Promise((r) => ws.once("open", r));
  await new Promise((r) => setTimeout(r, 500));
  ws.close();
  return messages.find((m) => m.type === "notice") as { level: string; text: string } | undefined;
}

describe("history store", () => {
  it("a restart keeps since, the timeline, the sparkline and an open claim", async () => {
    up = await growingSearch();
    collector = await startCollector({ config: config(up.url) });
    await collector.waitForTile("issues", (t) => t.status === "fail" && (t.series?.length ?? 0) >= 3);
    const claim = await fetch(`${collector.url}/api/tiles/issues/claim`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Alice", note: "triage" }),
    });
    expect(claim.status).toBe(200);
    const before = await detail(collector, "issues");
    expect(before.claim?.by).toBe("Alice");
    expect(before.history[0]!.status).toBe("fail");
    expect(before.history[0]!.t).toBe(Date.parse(before.since!));

    await collector.restart();
    // before its first fresh poll the tile may show as stale (never an old status as fresh), but keeps its memory
    const after = await detail(collector, "issues");
    expect(after.claim).toEqual(before.claim);
    expect(after.series!.slice(0, before.series!.length)).toEqual(before.series);
    expect(after.history.slice(0, before.history.length)).toEqual(before.history);
    expect(after.events!.map((e) => `${e.type} ${e.by}`)).toEqual(["claim Alice"]);

    // fresh polls carry on from there: same since, a longer sparkline, the timeline still agrees with the tile
    const fresh = await collector.waitForTile(
      "issues",
      (t) =>
        t.status === "fail" &&
        t.series!.length > after.series!.length &&
        Date.parse(t.checkedAt!) > Date.parse(after.checkedAt!),
    );
    expect(fresh.since).toBe(before.since);
    expect(fresh.claim?.by).toBe("Alice");
    const timeline = (await detail(collector, "issues")).history;
    expect(
      timeline.filter((h, i) => i === 0 || h.status !== timeline[i - 1]!.status).map((h) => [h.t, h.status]),
    ).toEqual([[Date.parse(before.since!), "fail"]]);
    expect(await metric(collector, "radiator_history_persistent")).toBe("1");
  });

  it("a corrupt database file: serving on memory, a warn notice, the metric at 0, logged once", async () => {
    up = await growingSearch();
    const dataDir = join(mkdtempSync(join(tmpdir(), "radiator-corrupt-")), "data");
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, "radiator.sqlite"), "this is not a database ".repeat(200));
    collector = await startCollector({ config: config(up.url), dataDir, env: { RADIATOR_LOG_LEVEL: "warn" } });
    await collector.waitForTile("issues", (t) => t.status === "fail");
    expect(await metric(collector, "radiator_history_persistent")).toBe("0");
    expect(await metric(collector, "radiator_history_failures_total")).toBe("1");
    const notice = await noticeOnConnect(collector);
    expect(notice?.level).toBe("warn");
    expect(notice?.text).toMatch(
      /^history is kept in memory only \(lost on restart\): cannot use .*: radiator\.sqlite is not a readable database/,
    );
    expect(collector.output().match(/history is kept in memory only/g)?.length).toBe(1);
    expect((await fetch(`${collector.url}/healthz`)).status).toBe(200);
  });

  it("a data directory that cannot be made (under a regular file): serving on memory with the notice and metric", async () => {
    up = await growingSearch();
    const base = mkdtempSync(join(tmpdir(), "radiator-nodir-"));
    writeFileSync(join(base, "file-not-dir"), "x");
    collector = await startCollector({
      config: config(up.url),
      dataDir: join(base, "file-not-dir", "data"),
      env: { RADIATOR_LOG_LEVEL: "warn" },
    });
    await collector.waitForTile("issues", (t) => t.status === "fail");
    expect(await metric(collector, "radiator_history_persistent")).toBe("0");
    const notice = await noticeOnConnect(collector);
    expect(notice?.level).toBe("warn");
    expect(notice?.text).toMatch(/cannot use .*file-not-dir\/data: ENOTDIR/);
    expect(collector.output().match(/history is kept in memory only/g)?.length).toBe(1);
    // claims still work, on memory
    const claim = await fetch(`${collector.url}/api/tiles/issues/claim`, {
      method: "POST",
      body: JSON.stringify({ name: "Bob" }),
    });
    expect(claim.status).toBe(200);
  });
});

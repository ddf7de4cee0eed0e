import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startCollector, type CollectorProcess } from "../helpers/collector-process.ts";
import type { ServerMessage, Tile } from "../../collector/contract.ts";

const config = {
  title: "Integration",
  boards: [
    {
      id: "main",
      title: "Main",
      tiles: [
        { id: "build", title: "Build", kind: "demo", scenario: "build", every: "1s" },
        { id: "cpu", title: "CPU", kind: "host", metric: "cpu", every: "1s" },
        // Held at a known status (nothing listens on port 1): its `since` must survive a reload.
        { id: "down", title: "Down", kind: "http", url: "http://127.0.0.1:1/health", every: "1s" },
      ],
    },
    { id: "other", title: "Other", tiles: [{ id: "load", title: "Load", kind: "host", metric: "load", every: "1s" }] },
  ],
};

interface Listener {
  messages: ServerMessage[];
  closed: Promise<number>;
  ws: WebSocket;
  next(pred: (m: ServerMessage) => boolean, timeoutMs?: number): Promise<ServerMessage>;
}

function listen(url: string): Promise<Listener> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const messages: ServerMessage[] = [];
    const waiters: { pred: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
    ws.on("message", (d) => {
      const m = JSON.parse(String(d)) as ServerMessage;
      messages.push(m);
      for (const w of [...waiters])
        if (w.pred(m)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(m);
        }
    });
    const closed = new Promise<number>((r) => ws.on("close", (code) => r(code)));
    ws.on("error", reject);
    ws.on("open", () =>
      resolve({
        messages,
        closed,
        ws,
        next: (pred, timeoutMs = 10_000) => {
          const found = messages.find(pred);
          if (found) return Promise.resolve(found);
          return new Promise((res, rej) => {
            const timer = setTimeout(() => rej(new Error("no matching message in time")), timeoutMs);
            waiters.push({
              pred,
              resolve: (m) => {
                clearTimeout(timer);
                res(m);
              },
            });
          });
        },
      }),
    );
  });
}

let c: CollectorProcess;
beforeAll(async () => {
  c = await startCollector({ config });
});
afterAll(async () => c?.stop());

describe("the collector as a real process", () => {
  it("answers /healthz, /api/boards and /api/state", async () => {
    expect(await (await fetch(`${c.url}/healthz`)).json()).toEqual({ status: "ok" });
    expect(await (await fetch(`${c.url}/api/boards`)).json()).toEqual([
      { id: "main", title: "Main", tiles: ["build", "cpu", "down"] },
      { id: "other", title: "Other", tiles: ["load"] },
    ]);
    const cpu = await c.waitForTile("cpu", (t) => t.checkedAt !== null);
    expect(Number.isFinite(cpu.value)).toBe(true);
    const state = await c.state("main");
    expect(state.tiles.map((t) => t.id)).toEqual(["build", "cpu", "down"]);
    expect(state.rev).toBeGreaterThan(0);
    expect(typeof state.version).toBe("string");
    const missing = await fetch(`${c.url}/api/state?board=nope`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toMatch(/unknown board nope; boards: main, other/);
  });

  it("serves one tile with its history", async () => {
    await c.waitForTile("cpu", (t) => t.checkedAt !== null);
    const res = await fetch(`${c.url}/api/tiles/cpu`);
    const body = (await res.json()) as Tile & { history: { t: number; status: string }[] };
    expect(body.id).toBe("cpu");
    expect(body.history.length).toBeGreaterThan(0);
    expect((await fetch(`${c.url}/api/tiles/nope`)).status).toBe(404);
  });

  it("exposes its own health and every tile's status at /metrics", async () => {
    await c.waitForTile("cpu", (t) => t.checkedAt !== null);
    const text = await (await fetch(`${c.url}/metrics`)).text();
    expect(text).toMatch(/radiator_poll_duration_seconds_bucket\{le="[^"]+",kind="host"\}/);
    expect(text).toMatch(/radiator_tile_status\{board="main",tile="cpu",kind="host",status="(ok|warn|fail)"\} 1/);
    expect(text).toContain("radiator_ws_clients");
  });

  it("speaks hello → snapshot → patch over /ws, for the chosen board only", async () => {
    const l = await listen(`${c.url.replace("http", "ws")}/ws?board=other`);
    const hello = await l.next((m) => m.type === "hello");
    expect(hello).toMatchObject({ type: "hello", boards: [{ id: "main" }, { id: "other" }] });
    const snap = await l.next((m) => m.type === "snapshot");
    expect(snap.type === "snapshot" && snap.tiles.map((t) => t.id)).toEqual(["load"]);
    const patch = await l.next((m) => m.type === "patch" && m.rev === (snap as { rev: number }).rev + 1);
    expect(patch.type === "patch" && patch.tiles.every((t) => t.board === "other")).toBe(true);
    l.ws.close();
  });

  it("closes a socket for an unknown board with 4004", async () => {
    const l = await listen(`${c.url.replace("http", "ws")}/ws?board=nope`);
    expect(await l.closed).toBe(4004);
  });

  it("applies a valid config change within 2 s, keeping unchanged tiles' state", async () => {
    const before = await c.waitForTile("down", (t) => t.checkedAt !== null && t.status === "fail");
    const l = await listen(`${c.url.replace("http", "ws")}/ws`);
    const next = structuredClone(config) as { boards: { tiles: Record<string, unknown>[] }[] };
    next.boards[0]!.tiles.push({ id: "mem", title: "Memory", kind: "host", metric: "memory", every: "1s" });
    const started = Date.now();
    c.writeConfig(next);
    await l.next((m) => m.type === "hello" && m.boards[0]!.tiles.includes("mem"), 5000);
    expect(Date.now() - started).toBeLessThan(2000);
    const info = await l.next((m) => m.type === "notice");
    expect(info).toEqual({ type: "notice", level: "info", text: "Configuration reloaded" });
    await c.waitForTile("mem", (t) => t.checkedAt !== null, 5000);
    const down = (await c.state()).tiles.find((t) => t.id === "down")!;
    expect(down.status).toBe("fail");
    expect(down.since).toBe(before.since);
    const history = (await (await fetch(`${c.url}/api/tiles/down`)).json()) as { history: unknown[] };
    expect(history.history.length).toBeGreaterThan(0);
    l.ws.close();
  });

  it("keeps the last good config when the file turns invalid and shows the error on screens", async () => {
    const l = await listen(`${c.url.replace("http", "ws")}/ws`);
    const good = (await c.state()).tiles.map((t) => t.id);
    c.writeConfig(
      '{ "boards": [ { "id": "main", "title": "Main", "tiles": [ { "id": "x", "kind": "host", "every": "often" } ] } ] }',
    );
    const notice = await l.next((m) => m.type === "notice" && m.level === "error", 5000);
    expect(notice.type === "notice" && notice.text).toMatch(/still showing the last good one/);
    expect(notice.type === "notice" && notice.text).toMatch(
      /config\.json: boards\[0\]\.tiles\[0\]\.every: must be a duration/,
    );
    expect(notice.type === "notice" && notice.text).toMatch(/boards\[0\]\.tiles\[0\]\.title: is required/);
    expect((await c.state()).tiles.map((t) => t.id)).toEqual(good);
    expect((await fetch(`${c.url}/healthz`)).status).toBe(200);
    // a screen that connects now sees the error too
    const late = await listen(`${c.url.replace("http", "ws")}/ws`);
    await late.next((m) => m.type === "notice" && m.level === "error");
    l.ws.close();
    late.ws.close();
    c.writeConfig(config);
    await c.waitForTile("build", () => true);
  });

  it("closes screens with 4000 'restarting' on SIGTERM, then comes back", async () => {
    const l = await listen(`${c.url.replace("http", "ws")}/ws`);
    await l.next((m) => m.type === "snapshot");
    const closed = l.closed;
    await c.stop();
    expect(await closed).toBe(4000);
    await c.restart();
    expect((await fetch(`${c.url}/healthz`)).status).toBe(200);
  });
});

describe("radiator serve", () => {
  it("refuses to start on an invalid config and says why", async () => {
    await expect(
      startCollector({ config: { boards: [{ id: "a", title: "A", tiles: [{ id: "x", title: "X", kind: "nope" }] }] } }),
    ).rejects.toThrow(
      /invalid config, not starting:\n.*config\.json: boards\[0\]\.tiles\[0\]\.kind: unknown kind "nope"/,
    );
  });
});

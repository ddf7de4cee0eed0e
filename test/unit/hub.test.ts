import { describe, expect, it, vi } from "vitest";
import { EventEmitter } from "node:events";
import type { WebSocket } from "ws";
import { Hub } from "../../collector/hub.ts";
import { Store } from "../../collector/store.ts";
import { planFrom } from "../../collector/plan.ts";
import { parseConfig } from "../../collector/config/load.ts";
import { CLOSE_TOO_SLOW, type ServerMessage } from "../../collector/contract.ts";
import { buildFields } from "../helpers/builders.ts";

class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  sent: (string | Buffer)[] = [];
  closed?: number;
  send(data: string | Buffer) {
    this.sent.push(data);
  }
  close(code: number) {
    this.closed = code;
    this.readyState = 3;
  }
  terminate() {
    this.readyState = 3;
  }
  messages(): ServerMessage[] {
    return this.sent.map((s) => JSON.parse(String(s)) as ServerMessage);
  }
}

function setup(now: () => number = Date.now, bytesPerTurn?: number) {
  const config = parseConfig(
    JSON.stringify({
      boards: [
        { id: "a", title: "A", tiles: [{ id: "a1", title: "A1", kind: "demo" }] },
        { id: "b", title: "B", tiles: [{ id: "b1", title: "B1", kind: "demo" }] },
      ],
    }),
    "t.json",
    {},
  ).config;
  const plan = planFrom(config);
  const store = new Store(now, 0);
  store.setPlans(plan.tiles);
  store.flush();
  const info = { version: "v1", title: "T", boards: plan.boards, families: plan.families };
  const hub = new Hub(store, info, 1000, undefined, bytesPerTurn);
  const sock = (boards: string[] | null) => {
    const s = new FakeSocket();
    hub.add(s as unknown as WebSocket, boards);
    return s;
  };
  return { store, hub, sock };
}

describe("Hub", () => {
  it("greets a screen with hello then a snapshot of its boards", () => {
    const { sock } = setup();
    const s = sock(["a"]);
    const [hello, snapshot] = s.messages();
    expect(hello).toMatchObject({
      type: "hello",
      version: "v1",
      boards: [{ id: "a" }, { id: "b" }],
      families: { demo: "build" },
    });
    expect(snapshot).toMatchObject({ type: "snapshot", rev: 1 });
    expect((snapshot as { tiles: { id: string }[] }).tiles.map((t) => t.id)).toEqual(["a1"]);
  });

  it("serialises a change once per board group, whatever the number of screens", () => {
    const { store, hub, sock } = setup();
    const screens = Array.from({ length: 50 }, () => sock(["a"]));
    const before = hub.serialisations;
    store.applyFields("a1", buildFields({ status: "fail" }));
    store.flush();
    expect(hub.serialisations - before).toBe(1);
    const last = screens.map((s) => s.sent.at(-1));
    expect(new Set(last).size).toBe(1);
    expect(last[0]).toBeInstanceOf(Buffer);
    expect(JSON.parse(String(last[0]))).toMatchObject({
      type: "patch",
      rev: 2,
      tiles: [{ id: "a1", status: "fail" }],
      removed: [],
    });
  });

  it("serialises the hello and the snapshot once for any number of connecting screens", () => {
    const { hub, sock } = setup();
    const before = hub.serialisations;
    const screens = Array.from({ length: 50 }, () => sock(["a"]));
    expect(hub.serialisations - before).toBe(2);
    expect(new Set(screens.map((s) => s.sent[0])).size).toBe(1);
    expect(new Set(screens.map((s) => s.sent[1])).size).toBe(1);
  });

  it("a new warden or config is one hello serialisation for all screens", () => {
    const { hub, sock } = setup();
    for (let i = 0; i < 20; i++) sock(null);
    const before = hub.serialisations;
    hub.setWarden({ name: "Alice", until: null, nudgeAfterMs: null });
    expect(hub.serialisations - before).toBe(1);
    sock(null);
    expect(hub.serialisations - before).toBe(1); // both the new hello and the snapshot were cached
  });

  it("a poll that changed nothing shown sends no patch; the heartbeat carries each tile's data age", () => {
    vi.useFakeTimers({ now: Date.parse("2026-11-29T10:00:00Z"), toFake: ["setInterval", "Date"] });
    try {
      const { store, hub, sock } = setup();
      store.applyFields("a1", buildFields({ status: "ok" }));
      store.applyFields("b1", buildFields({ status: "ok" }));
      store.flush();
      const a = sock(["a"]);
      const all = sock(null);
      const sent = a.sent.length;
      vi.advanceTimersByTime(4000);
      store.applyFields("a1", buildFields({ status: "ok" }));
      store.flush();
      expect(a.sent.length).toBe(sent);
      vi.advanceTimersByTime(11_000); // the heartbeat, 15 s after the hub started
      expect(a.messages().at(-1)).toEqual({ type: "heartbeat", at: "2026-11-29T10:00:15.000Z", checked: { a: [11] } });
      expect(all.messages().at(-1)).toMatchObject({ checked: { a: [11], b: [15] } });
      // a screen connecting now gets the tile with its latest check
      const late = sock(["a"]);
      expect(late.messages()[1]).toMatchObject({ tiles: [{ id: "a1", checkedAt: "2026-11-29T10:00:04.000Z" }] });
      hub.closeAll(1000, "done");
    } finally {
      vi.useRealTimers();
    }
  });

  it("still sends each rev to other boards' screens, with no tiles, so gaps mean loss", () => {
    const { store, sock } = setup();
    const b = sock(["b"]);
    store.applyFields("a1", buildFields({ status: "fail" }));
    store.flush();
    expect(b.messages().at(-1)).toEqual({ type: "patch", rev: 2, tiles: [], removed: [] });
  });

  it("answers a resync request with a snapshot", () => {
    const { sock } = setup();
    const s = sock(null);
    s.emit("message", JSON.stringify({ type: "resync" }));
    expect(s.messages().at(-1)).toMatchObject({ type: "snapshot", rev: 1 });
  });

  it("answers at most one resync a second per screen, so a broken client cannot pile up snapshots", () => {
    const { sock } = setup();
    const s = sock(null);
    const before = s.sent.length;
    for (let i = 0; i < 50; i++) s.emit("message", JSON.stringify({ type: "resync" }));
    expect(s.sent.length - before).toBe(1);
  });

  it("closes screens of a board that a reload removed, with 4004", () => {
    const { hub, sock } = setup();
    const onB = sock(["b"]);
    const onA = sock(["a"]);
    hub.setInfo({
      version: "v1",
      title: "T",
      boards: [{ id: "a", title: "A", tiles: ["a1"] }],
      families: { demo: "build" },
    });
    expect(onB.closed).toBe(4004);
    expect(onA.closed).toBeUndefined();
    expect(onA.messages().at(-1)).toMatchObject({ type: "hello", boards: [{ id: "a" }] });
  });

  it("drops a screen whose send buffer is over the limit instead of buffering without bound", () => {
    const { store, sock } = setup();
    const slow = sock(["a"]);
    const fine = sock(["a"]);
    slow.bufferedAmount = 5000;
    store.applyFields("a1", buildFields({ status: "warn" }));
    store.flush();
    expect(slow.closed).toBe(CLOSE_TOO_SLOW);
    expect(fine.messages().at(-1)).toMatchObject({ type: "patch" });
  });

  it("spreads a fan-out over turns of the event loop past its byte budget, each screen's messages in order", async () => {
    const { store, sock } = setup(Date.now, 1);
    const screens = Array.from({ length: 5 }, () => sock(["a"]));
    const patches = (s: FakeSocket) => s.messages().filter((m) => m.type === "patch");
    store.applyFields("a1", buildFields({ status: "warn" }));
    store.flush();
    store.applyFields("a1", buildFields({ status: "fail" }));
    store.flush();
    // a budget of one byte: one socket a turn
    expect(screens.map((s) => patches(s).length)).toEqual([1, 0, 0, 0, 0]);
    const late = sock(["a"]);
    await new Promise((r) => setImmediate(r));
    expect(screens.map((s) => patches(s).length)).toEqual([1, 1, 0, 0, 0]);
    for (let i = 0; i < 8; i++) await new Promise((r) => setImmediate(r));
    for (const s of screens) expect(patches(s).map((m) => (m as { rev: number }).rev)).toEqual([2, 3]);
    // it connected after both patches: its snapshot has them, and it gets neither again
    expect(late.messages().map((m) => m.type)).toEqual(["hello", "snapshot"]);
    expect((late.messages()[1] as { rev: number }).rev).toBe(3);
  });

  it("shows an error notice to screens that connect later, until an info notice clears it", () => {
    const { hub, sock } = setup();
    hub.sendNotice("error", "config invalid");
    expect(sock(null).messages().at(-1)).toEqual({ type: "notice", level: "error", text: "config invalid" });
    hub.sendNotice("info", "Configuration reloaded");
    expect(sock(null).messages().at(-1)).toMatchObject({ type: "snapshot" });
  });
});

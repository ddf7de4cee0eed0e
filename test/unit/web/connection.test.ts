import { describe, expect, it } from "vitest";
import type { ServerMessage } from "../../../collector/contract.ts";
import { CLOSE_RESTARTING, CLOSE_UNKNOWN_BOARD, SILENCE_RECONNECT_MS } from "../../../collector/contract.ts";
import {
  Connection,
  backoffDelay,
  MAX_DELAY_MS,
  type Clock,
  type SocketLike,
} from "../../../web/src/lib/connection.ts";

/** Timers that run only when the test advances time. */
function fakeClock(): Clock & { advance(ms: number): void; pending(): number } {
  let now = 0,
    seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = ++seq;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout(id) {
      timers.delete(id as number);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const next = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!next) break;
        timers.delete(next[0]);
        now = next[1].at;
        next[1].fn();
      }
      now = end;
    },
    pending: () => timers.size,
  };
}

class FakeSocket implements SocketLike {
  onopen: SocketLike["onopen"] = null;
  onmessage: SocketLike["onmessage"] = null;
  onclose: SocketLike["onclose"] = null;
  onerror: SocketLike["onerror"] = null;
  sent: string[] = [];
  closedWith: number | undefined;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(data);
  }
  close(code?: number) {
    this.closedWith = code ?? 1000;
  }
  // test side
  open() {
    this.onopen?.({});
  }
  message(msg: ServerMessage) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  serverClose(code: number) {
    this.onclose?.({ code });
  }
}

function setup(random = () => 0.5) {
  const clock = fakeClock();
  const sockets: FakeSocket[] = [];
  const received: ServerMessage[] = [];
  const conn = new Connection({
    url: "ws://radiator/ws?board=a",
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    onMessage: (m) => received.push(m),
    clock,
    random,
  });
  conn.start();
  return { clock, sockets, received, conn, last: () => sockets[sockets.length - 1]! };
}

const heartbeat: ServerMessage = { type: "heartbeat", at: "2026-11-29T10:00:00Z" };

describe("Connection", () => {
  it("opens one socket on the given URL and passes parsed messages on", () => {
    const { sockets, received, last, conn } = setup();
    expect(sockets).toHaveLength(1);
    expect(last().url).toBe("ws://radiator/ws?board=a");
    last().open();
    last().message(heartbeat);
    last().onmessage?.({ data: "not json" });
    expect(received).toEqual([heartbeat]);
    expect(conn.current.state).toBe("open");
  });

  it("reconnects after 40 s without any message, but not while heartbeats arrive", () => {
    const { clock, sockets, last } = setup();
    last().open();
    for (let i = 0; i < 10; i++) {
      clock.advance(15_000);
      last().message(heartbeat);
    }
    expect(sockets).toHaveLength(1);
    clock.advance(SILENCE_RECONNECT_MS - 1);
    expect(sockets).toHaveLength(1);
    clock.advance(1);
    expect(sockets[0]!.closedWith).toBeDefined();
    clock.advance(MAX_DELAY_MS);
    expect(sockets).toHaveLength(2);
  });

  it("ignores events from a socket it has given up on", () => {
    const { clock, sockets, received } = setup();
    sockets[0]!.open();
    clock.advance(SILENCE_RECONNECT_MS + MAX_DELAY_MS);
    const stale = sockets[0]!;
    stale.message(heartbeat);
    stale.serverClose(1006);
    expect(received).toEqual([]);
    expect(sockets).toHaveLength(2);
  });

  it("backs off exponentially while the server stays away", () => {
    const { clock, sockets, last, conn } = setup(() => 1);
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      last().serverClose(1006);
      delays.push(conn.current.retryAt! - clock.now());
      clock.advance(delays[i]!);
      expect(sockets).toHaveLength(i + 2);
    }
    expect(delays.slice(0, 5)).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(delays.slice(5)).toEqual([MAX_DELAY_MS, MAX_DELAY_MS, MAX_DELAY_MS]);
  });

  it("starts again from the shortest delay once a message came through", () => {
    const { clock, last, conn } = setup(() => 1);
    last().serverClose(1006);
    clock.advance(1000);
    last().serverClose(1006);
    expect(conn.current.retryAt! - clock.now()).toBe(2000);
    clock.advance(2000);
    last().open();
    last().message(heartbeat);
    last().serverClose(1006);
    expect(conn.current.retryAt! - clock.now()).toBe(1000);
  });

  it("reconnects in about a second after a graceful restart (close 4000)", () => {
    const { clock, sockets, last, conn } = setup(() => 1);
    for (let i = 0; i < 5; i++) (last().serverClose(1006), clock.advance(MAX_DELAY_MS));
    last().open();
    last().serverClose(CLOSE_RESTARTING);
    const delay = conn.current.retryAt! - clock.now();
    expect(delay).toBeGreaterThanOrEqual(500);
    expect(delay).toBeLessThanOrEqual(1500);
    const before = sockets.length;
    clock.advance(1500);
    expect(sockets.length).toBe(before + 1);
  });

  it("retries an unknown board (4004) only slowly and remembers the code", () => {
    const { clock, sockets, last, conn } = setup(() => 0.5);
    last().serverClose(CLOSE_UNKNOWN_BOARD);
    expect(conn.current.closeCode).toBe(CLOSE_UNKNOWN_BOARD);
    clock.advance(10_000);
    expect(sockets).toHaveLength(1);
  });

  it("sends resync only while open", () => {
    const { last, conn } = setup();
    expect(conn.send({ type: "resync" })).toBe(false);
    last().open();
    expect(conn.send({ type: "resync" })).toBe(true);
    expect(last().sent).toEqual(['{"type":"resync"}']);
  });

  it("stop() closes the socket and leaves no timer behind", () => {
    const { clock, sockets, last, conn } = setup();
    last().open();
    conn.stop();
    expect(last().closedWith).toBe(1000);
    expect(clock.pending()).toBe(0);
    clock.advance(10 * MAX_DELAY_MS);
    expect(sockets).toHaveLength(1);
  });
});

describe("backoffDelay()", () => {
  it("is jittered between half and all of the doubled delay", () => {
    expect(backoffDelay(3, () => 0)).toBe(4000);
    expect(backoffDelay(3, () => 1)).toBe(8000);
    const seen = new Set(Array.from({ length: 50 }, () => backoffDelay(2)));
    expect(seen.size).toBeGreaterThan(10);
    for (const d of seen) (expect(d).toBeGreaterThanOrEqual(2000), expect(d).toBeLessThanOrEqual(4000));
  });

  it("is capped however many attempts failed", () => {
    expect(backoffDelay(1000, () => 1)).toBe(MAX_DELAY_MS);
    expect(backoffDelay(50, () => 0)).toBe(MAX_DELAY_MS / 2);
  });
});

describe("Connection over an hour without the collector (time compressed)", () => {
  it("keeps trying with capped backoff for the whole hour and picks up at once when it is back", () => {
    const { clock, sockets, last, received, conn } = setup(() => 1);
    const HOUR = 3_600_000;
    let longest = 0;
    while (clock.now() < HOUR) {
      const s = last();
      // half the attempts are refused at once, half hang without an answer until the watchdog gives up
      if (sockets.length % 2) s.serverClose(1006);
      const before = clock.now();
      const retryAt = conn.current.retryAt;
      if (retryAt !== null) longest = Math.max(longest, retryAt - before);
      clock.advance(retryAt !== null ? retryAt - before : SILENCE_RECONNECT_MS);
      if (last() === s) s.serverClose(1006); // the hung one is dropped by the watchdog, or closes late
    }
    expect(longest).toBeLessThanOrEqual(MAX_DELAY_MS);
    expect(sockets.length).toBeGreaterThan(HOUR / (MAX_DELAY_MS + SILENCE_RECONNECT_MS));
    clock.advance(MAX_DELAY_MS);
    last().open();
    last().message(heartbeat);
    expect(received.at(-1)).toEqual(heartbeat);
    expect(conn.current.state).toBe("open");
    expect(conn.current.attempt).toBe(0);
  });
});

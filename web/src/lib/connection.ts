/**
 * The WebSocket to the collector: reconnects forever with exponential backoff
 * and jitter, and treats 40 s of silence as a dead connection (the server
 * sends a heartbeat every 15 s; a half-open TCP connection never says "close").
 * The socket factory, clock and randomness are injected so tests drive time.
 */
import type { ClientMessage, ServerMessage } from "../../../collector/contract.ts";
import { CLOSE_RESTARTING, CLOSE_UNKNOWN_BOARD, SILENCE_RECONNECT_MS } from "../../../collector/contract.ts";

/** The part of the browser WebSocket this module uses. */
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

export type LinkState = "connecting" | "open" | "closed";

export interface LinkStatus {
  state: LinkState;
  /** Failed attempts in a row (0 once a message has arrived). */
  attempt: number;
  /** The last close code, e.g. 4004 for an unknown board. */
  closeCode: number | null;
  /** epoch ms of the next attempt while closed. */
  retryAt: number | null;
  /** epoch ms of the last message received, over all sockets. */
  lastMessageAt: number | null;
}

export interface ConnectionOptions {
  url: string;
  createSocket(url: string): SocketLike;
  onMessage(msg: ServerMessage): void;
  onStatus?(status: LinkStatus): void;
  clock?: Clock;
  random?: () => number;
  silenceMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export const BASE_DELAY_MS = 1000;
export const MAX_DELAY_MS = 30_000;

/**
 * Delay before attempt `attempt` (0-based): doubling from `base`, capped at
 * `max`, then scaled into [50 %, 100 %] so screens that lost the collector
 * together do not all come back in the same millisecond.
 */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  base = BASE_DELAY_MS,
  max = MAX_DELAY_MS,
): number {
  const ceiling = Math.min(max, base * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling * (0.5 + 0.5 * random()));
}

/** After a graceful restart (close 4000) the server is back in about a second. */
export function restartDelay(random: () => number = Math.random): number {
  return Math.round(700 + 600 * random());
}

export class Connection {
  private socket: SocketLike | null = null;
  private watchdog: unknown = null;
  private retry: unknown = null;
  private stopped = true;
  private readonly clock: Clock;
  private readonly random: () => number;
  private status: LinkStatus = { state: "closed", attempt: 0, closeCode: null, retryAt: null, lastMessageAt: null };

  constructor(private readonly opts: ConnectionOptions) {
    this.clock = opts.clock || realClock;
    this.random = opts.random || Math.random;
  }

  get current(): LinkStatus {
    return this.status;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    this.drop(1000);
    this.update({ state: "closed", retryAt: null });
  }

  send(msg: ClientMessage): boolean {
    if (!this.socket || this.status.state !== "open") return false;
    try {
      this.socket.send(JSON.stringify(msg));
      return true;
    } catch {
      return false;
    }
  }

  private open(): void {
    this.clearTimers();
    this.update({ state: "connecting", retryAt: null });
    let socket: SocketLike;
    try {
      socket = this.opts.createSocket(this.opts.url);
    } catch {
      this.scheduleRetry(null);
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.update({ state: "open" });
      this.armWatchdog();
    };
    socket.onmessage = (ev) => {
      if (this.socket !== socket) return;
      this.armWatchdog();
      let msg: ServerMessage;
      try {
        msg = JSON.parse(String(ev.data)) as ServerMessage;
      } catch {
        return;
      }
      this.update({ state: "open", attempt: 0, lastMessageAt: this.clock.now() });
      this.opts.onMessage(msg);
    };
    socket.onerror = () => {
      // a close event follows; nothing to do here
    };
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.scheduleRetry(ev.code);
    };
    this.armWatchdog();
  }

  /** Close the current socket and forget it: its late events are ignored. */
  private drop(code: number): void {
    const s = this.socket;
    this.socket = null;
    if (!s) return;
    s.onopen = s.onmessage = s.onclose = s.onerror = null;
    try {
      s.close(code);
    } catch {
      // already closing
    }
  }

  private scheduleRetry(code: number | null): void {
    this.clearTimers();
    if (this.stopped) return;
    const attempt = this.status.attempt;
    // an unknown board waits the longest backoff: a config reload is what brings it
    const delay =
      code === CLOSE_RESTARTING
        ? restartDelay(this.random)
        : backoffDelay(
            code === CLOSE_UNKNOWN_BOARD ? 30 : attempt,
            this.random,
            this.opts.baseDelayMs,
            this.opts.maxDelayMs,
          );
    this.update({ state: "closed", attempt: attempt + 1, closeCode: code, retryAt: this.clock.now() + delay });
    this.retry = this.clock.setTimeout(() => {
      this.retry = null;
      if (!this.stopped) this.open();
    }, delay);
  }

  private armWatchdog(): void {
    if (this.watchdog !== null) this.clock.clearTimeout(this.watchdog);
    this.watchdog = this.clock.setTimeout(() => {
      this.watchdog = null;
      // silence: the connection is dead even if TCP has not noticed
      this.drop(4100);
      this.scheduleRetry(null);
    }, this.opts.silenceMs ?? SILENCE_RECONNECT_MS);
  }

  private clearTimers(): void {
    if (this.watchdog !== null) this.clock.clearTimeout(this.watchdog);
    if (this.retry !== null) this.clock.clearTimeout(this.retry);
    this.watchdog = this.retry = null;
  }

  private update(patch: Partial<LinkStatus>): void {
    this.status = { ...this.status, ...patch };
    this.opts.onStatus?.(this.status);
  }
}

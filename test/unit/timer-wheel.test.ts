import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TimerWheel } from "../../collector/timer-wheel.ts";

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse("2026-12-02T10:00:00.030Z") });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("TimerWheel", () => {
  it("runs every call due in one slot from one timer at the slot's end, never early", () => {
    const wheel = new TimerWheel(250);
    const ran: string[] = [];
    // now is :00.030; the slot ends at :00.250
    wheel.after(10, () => ran.push("a"));
    wheel.after(219, () => ran.push("b"));
    wheel.after(220, () => ran.push("c")); // due exactly at the slot's end: that slot
    wheel.after(221, () => ran.push("d")); // the next one
    expect(vi.getTimerCount()).toBe(2);
    vi.advanceTimersByTime(219);
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(ran).toEqual(["a", "b", "c"]);
    vi.advanceTimersByTime(249);
    expect(ran).toEqual(["a", "b", "c"]);
    vi.advanceTimersByTime(1);
    expect(ran).toEqual(["a", "b", "c", "d"]);
    expect(wheel.size).toBe(0);
  });

  it("cancels one call, and the slot's timer with its last call", () => {
    const wheel = new TimerWheel(250);
    const ran: string[] = [];
    const cancelA = wheel.after(100, () => ran.push("a"));
    const cancelB = wheel.after(150, () => ran.push("b"));
    cancelA();
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(220);
    expect(ran).toEqual(["b"]);
    cancelB(); // after it ran: nothing to do, and no error
    const cancelC = wheel.after(100, () => ran.push("c"));
    cancelC();
    expect(vi.getTimerCount()).toBe(0);
    expect(wheel.size).toBe(0);
  });

  it("lets a call scheduled from a firing slot land in a later one, and a call cancel a neighbour", () => {
    const wheel = new TimerWheel(100);
    const ran: string[] = [];
    let cancelB = () => undefined as void;
    wheel.after(50, () => {
      ran.push("a");
      cancelB();
      wheel.after(0, () => ran.push("again"));
    });
    cancelB = wheel.after(60, () => ran.push("b"));
    vi.advanceTimersByTime(70); // :00.100
    expect(ran).toEqual(["a"]);
    vi.advanceTimersByTime(100);
    expect(ran).toEqual(["a", "again"]);
  });

  it("reads the injected clock, not the timers' own", () => {
    let now = 1_000_010;
    const wheel = new TimerWheel(250, () => now);
    const ran: number[] = [];
    wheel.after(0, () => ran.push(now));
    now += 240;
    vi.advanceTimersByTime(239);
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(ran).toEqual([1_000_250]);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Sweeper } from "../../collector/sweeper.ts";

describe("Sweeper", () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it("sweeps when the next tile falls due, not every second", () => {
    let due = 1_000_000 + 20_000;
    const sweep = vi.fn(() => due);
    const sweeper = new Sweeper(sweep, Date.now);
    sweeper.arm();
    expect(sweep).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(20_000);
    expect(sweep).toHaveBeenCalledTimes(1);
    due = Infinity;
    vi.advanceTimersByTime(1);
    expect(sweep).toHaveBeenCalledTimes(2);
    sweeper.stop();
  });

  it("wakes at least every 30 s, and never after stop()", () => {
    const sweep = vi.fn(() => Infinity);
    const sweeper = new Sweeper(sweep, Date.now);
    sweeper.arm();
    vi.advanceTimersByTime(90_000);
    expect(sweep).toHaveBeenCalledTimes(4);
    sweeper.stop();
    sweeper.arm();
    vi.advanceTimersByTime(90_000);
    expect(sweep).toHaveBeenCalledTimes(4);
  });

  it("re-arming for a tile due sooner replaces the later timer", () => {
    let due = 1_000_000 + 25_000;
    const sweep = vi.fn(() => due);
    const sweeper = new Sweeper(sweep, Date.now);
    sweeper.arm();
    due = 1_000_000 + 5_000;
    sweeper.arm();
    vi.advanceTimersByTime(5_001);
    expect(sweep).toHaveBeenCalledTimes(3);
    sweeper.stop();
  });
});

/**
 * Marks tiles stale when their data's age passes staleAfter: the store is swept when the next tile
 * falls due, not every second, so an idle collector wakes only when something is due (issue 12).
 * A fresh poll only moves deadlines later, so a timer that fires early sweeps nothing and re-arms;
 * new tiles re-arm it (`arm()` after a reload). It wakes at least every 30 s, whatever the wall
 * clock did in between.
 */
const MAX_WAIT_MS = 30_000;

export class Sweeper {
  private timer?: ReturnType<typeof setTimeout>;
  private stopped = false;

  constructor(
    /** Sweeps and returns when the next tile falls due (ms, Infinity for none). */
    private readonly sweep: () => number,
    private readonly now: () => number,
  ) {}

  /** Sweeps now and sets the timer for the next due tile. */
  arm(): void {
    if (this.stopped) return;
    const due = this.sweep();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.arm(), Math.min(MAX_WAIT_MS, Math.max(0, due - this.now() + 1)));
    this.timer.unref?.();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}

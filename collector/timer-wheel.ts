/**
 * Coalesced timers: every callback due within the same slot of `slotMs` runs from one timer at the
 * slot's end. 500 tiles polled every 10 s are 50 timers a second, each waking the process on its own;
 * in 250 ms slots they are 4 wake-ups a second, and the polls of a slot run back to back while the
 * CPU's caches are warm. On this project's 2-core VM that took the collector from 13–14 % to 9–10 %
 * of a core for such a board, and bare node:http polling the same way from ~5.4 % to ~2.7 % (`npm run
 * bench`, issue 12): a wake-up after a pause costs far more than the little work it does.
 */
/**
 * The collector's poll slot: a poll starts at most 250 ms later than due (a 10 s poll has ±1 s of jitter
 * anyway), and those due in the same slot start in one wake-up.
 */
export const POLL_SLOT_MS = 250;

export class TimerWheel {
  private readonly slots = new Map<number, { timer: ReturnType<typeof setTimeout>; calls: Set<() => void> }>();

  constructor(
    private readonly slotMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Runs `fn` at the end of the slot that `delayMs` from now falls in (at most one slot later than
   * asked, never earlier); the answer cancels it. The timers do not keep the process alive.
   */
  after(delayMs: number, fn: () => void): () => void {
    const index = Math.ceil((this.now() + Math.max(0, delayMs)) / this.slotMs);
    let slot = this.slots.get(index);
    if (!slot) {
      const calls = new Set<() => void>();
      const timer = setTimeout(
        () => {
          this.slots.delete(index);
          for (const call of calls) call();
        },
        index * this.slotMs - this.now(),
      ).unref();
      slot = { timer, calls };
      this.slots.set(index, slot);
    }
    const call = () => fn();
    const mine = slot;
    mine.calls.add(call);
    return () => {
      mine.calls.delete(call);
      if (mine.calls.size === 0 && this.slots.get(index) === mine) {
        clearTimeout(mine.timer);
        this.slots.delete(index);
      }
    };
  }

  /** Timers waiting (for tests and a clean stop). */
  get size(): number {
    return this.slots.size;
  }
}

/**
 * When the store sends its pending changes: at once (next turn of the event loop) after a quiet
 * spell, so a webhook-nudged poll reaches the screens without waiting, and at most once per
 * `minGapMs` in a burst, so a board's start-up or a reload is a few patches rather than hundreds.
 * Changes made in one turn (all tiles of one poll) are always one patch.
 */
export class Batcher {
  private lastRunAt = -Infinity;
  private cancelScheduled: (() => void) | undefined;

  constructor(
    private readonly minGapMs: number,
    private readonly run: () => void,
  ) {}

  /** Ask for a run; a run already asked for covers this change too. */
  soon(): void {
    if (this.cancelScheduled) return;
    const wait = this.lastRunAt + this.minGapMs - performance.now();
    if (wait <= 0) {
      const id = setImmediate(() => this.fire());
      this.cancelScheduled = () => clearImmediate(id);
    } else {
      const id = setTimeout(() => this.fire(), wait);
      this.cancelScheduled = () => clearTimeout(id);
    }
  }

  /** The run happened (scheduled or forced): the gap counts from now. */
  ran(): void {
    this.cancel();
    this.lastRunAt = performance.now();
  }

  cancel(): void {
    this.cancelScheduled?.();
    this.cancelScheduled = undefined;
  }

  private fire(): void {
    this.cancelScheduled = undefined;
    this.run();
  }
}

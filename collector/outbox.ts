/**
 * The hub's sends, spread over turns of the event loop: each message goes to the sockets given with it,
 * at most `bytesPerTurn` in one turn, the rest on the next turns. One queue, oldest first, so every socket
 * gets its messages in order. Without it one ~50 KB patch to 1,000 screens held the loop for 100–280 ms
 * (issue 12's bench), delaying webhooks, polls and timers.
 */

/** A few ms of socket writes on loopback here (2 MiB: ~32 writes of 50 KB, ~120 small ones). */
export const MAX_BYTES_PER_TURN = 2 * 1024 * 1024;
/**
 * What one write costs besides its bytes, counted as bytes: a heartbeat of 100 B to 1,000 screens took
 * 25–40 ms in one turn (the syscall and the reader's wake-up), about as much as 16 KiB more would.
 */
export const WRITE_COST_BYTES = 16 * 1024;

export class Outbox<S> {
  private readonly queue: { bytes: Buffer; sockets: S[]; next: number }[] = [];
  private later: ReturnType<typeof setImmediate> | undefined;

  constructor(
    private readonly send: (socket: S, bytes: Buffer) => void,
    private readonly bytesPerTurn = MAX_BYTES_PER_TURN,
  ) {}

  /** Now, as far as this turn's budget goes (all of it when nothing waits and it fits). */
  push(sockets: S[], bytes: Buffer): void {
    if (sockets.length === 0) return;
    this.queue.push({ bytes, sockets, next: 0 });
    if (!this.later) this.drain();
  }

  clear(): void {
    if (this.later) clearImmediate(this.later);
    this.later = undefined;
    this.queue.length = 0;
  }

  private drain(): void {
    this.later = undefined;
    let budget = this.bytesPerTurn;
    for (let job = this.queue[0]; job; job = this.queue[0]) {
      while (job.next < job.sockets.length) {
        if (budget <= 0) {
          this.later = setImmediate(() => this.drain());
          return;
        }
        this.send(job.sockets[job.next++]!, job.bytes);
        budget -= job.bytes.length + WRITE_COST_BYTES;
      }
      this.queue.shift();
    }
  }
}

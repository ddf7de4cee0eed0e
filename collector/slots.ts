/**
 * Slots for polls in flight: one pool per upstream origin under a wide overall
 * cap. With one shared pool, the tiles of one hung server held every slot and
 * tiles on healthy servers waited until they went grey (issue 8, defect 2).
 */
export class Slots {
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {}

  acquire(): Promise<void> {
    if (this.inFlight < this.max) {
      this.inFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.waiting.push(() => {
        this.inFlight++;
        resolve();
      }),
    );
  }

  release(): void {
    this.inFlight--;
    this.waiting.shift()?.();
  }

  get idle(): boolean {
    return this.inFlight === 0 && this.waiting.length === 0;
  }
}

/** A pool per key (the origin), created on first use and dropped when idle. */
export class KeyedSlots {
  private readonly pools = new Map<string, Slots>();
  private readonly overall: Slots;

  constructor(
    private readonly perKey: number,
    overall: number,
  ) {
    this.overall = new Slots(overall);
  }

  /** Waits for a slot of its own origin first, so a queue on a hung origin never holds overall slots. */
  async acquire(key: string): Promise<void> {
    let pool = this.pools.get(key);
    if (!pool) this.pools.set(key, (pool = new Slots(this.perKey)));
    await pool.acquire();
    await this.overall.acquire();
  }

  release(key: string): void {
    this.overall.release();
    const pool = this.pools.get(key);
    pool?.release();
    if (pool?.idle) this.pools.delete(key);
  }
}

/** The origin a poll talks to (scheme, host, port); polls with no URL share one pool per kind. */
export function originKey(baseUrl: string | undefined, kind: string): string {
  if (baseUrl) {
    try {
      return new URL(baseUrl).origin;
    } catch {
      // An unparsable URL fails in the poll itself, with a clearer error than here.
    }
  }
  return `kind:${kind}`;
}

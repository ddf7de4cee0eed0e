/**
 * Answers kept for conditional requests (ETag / Last-Modified), so a 304 can
 * reuse the body. Bounded by count and by size: the collector must stay small
 * on a 1 GB machine, and run-specific URLs (jobs of run N) keep coming.
 */
export interface CachedAnswer {
  etag?: string;
  lastModified?: string;
  text: string;
  status: number;
  headers: Headers;
}

/**
 * More than the URLs a big board polls on one connection (issue 12's bench: 500 tiles): tiles poll in turn, so
 * with fewer entries than URLs each answer is evicted before its URL comes round again and no poll is ever a 304.
 * Memory is bounded by MAX_CHARS either way.
 */
export const MAX_ENTRIES = 4096;
/** In UTF-16 code units, which is what a JS string holds. */
const MAX_CHARS = 16 * 1024 * 1024;

export class EtagCache {
  private readonly entries = new Map<string, CachedAnswer>();
  private chars = 0;

  /** A hit counts as a use: answers still in use outlive the ones run-specific URLs left behind. */
  get(url: string): CachedAnswer | undefined {
    const hit = this.entries.get(url);
    if (hit) {
      this.entries.delete(url);
      this.entries.set(url, hit);
    }
    return hit;
  }

  set(url: string, answer: CachedAnswer): void {
    this.delete(url);
    if (answer.text.length > MAX_CHARS) return;
    this.entries.set(url, answer);
    this.chars += answer.text.length;
    // Least recently used first out (a Map iterates in insertion order; get() and set() re-insert).
    for (const key of this.entries.keys()) {
      if (this.entries.size <= MAX_ENTRIES && this.chars <= MAX_CHARS) break;
      this.delete(key);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private delete(url: string): void {
    const old = this.entries.get(url);
    if (!old) return;
    this.chars -= old.text.length;
    this.entries.delete(url);
  }
}

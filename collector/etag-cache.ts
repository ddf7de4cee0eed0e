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

const MAX_ENTRIES = 256;
/** In UTF-16 code units, which is what a JS string holds. */
const MAX_CHARS = 16 * 1024 * 1024;

export class EtagCache {
  private readonly entries = new Map<string, CachedAnswer>();
  private chars = 0;

  get(url: string): CachedAnswer | undefined {
    return this.entries.get(url);
  }

  set(url: string, answer: CachedAnswer): void {
    this.delete(url);
    if (answer.text.length > MAX_CHARS) return;
    this.entries.set(url, answer);
    this.chars += answer.text.length;
    // Oldest first out (a Map iterates in insertion order; set() re-inserts).
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

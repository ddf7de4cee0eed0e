/**
 * Sizes for the glance, in px, computed from the grid cell instead of CSS
 * container units (cqw/cqh need Chrome 105; the TVs offices have run Chrome 79).
 * The factors were chosen so that at 1920×1080 a 24-tile board gets a ≥ 28 px
 * title and a ≥ 22 px status word, and a 60-tile board ≥ 18 px and ≥ 14 px.
 */
export interface GlanceSizes {
  /** the title's size when it fits in two lines */
  title: number;
  /** a long title shrinks down to this, then wraps to a third line rather than being cut */
  titleFloor: number;
  /** the status word (badge) */
  word: number;
  /** "red for 2 h", summaries */
  body: number;
  /** people, list items, the running label */
  small: number;
  /** a metric's value */
  big: number;
  /** the tile's inner padding */
  pad: number;
  /** the width the title has inside the padding */
  innerWidth: number;
  /** the height the title may take, leaving room for the status word and the age under it */
  titleBudget: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Sizes for a cell of `width` × `height` px. */
export function glanceSizes(width: number, height: number): GlanceSizes {
  const w = Math.max(1, width),
    h = Math.max(1, height);
  const title = clamp(Math.min(w * 0.1, h * 0.18), 12, 200);
  const pad = clamp(Math.min(w * 0.035, h * 0.045), 4, 60);
  const word = title * 0.74,
    small = clamp(title * 0.6, 10, 120);
  return {
    title,
    titleFloor: title * 0.9,
    word,
    body: clamp(title * 0.68, 11, 140),
    small,
    big: clamp(Math.min(w * 0.2, h * 0.3), 14, 360),
    pad,
    innerWidth: Math.max(1, w - 2 * pad),
    // badge line (1.3 × word, with its padding) + the age on a line of its own + the margins between them
    titleBudget: h - 2 * pad - word * 1.36 - small * 1.3 - pad * 1.1,
  };
}

/** Average advance of a bold sans-serif glyph, in em (DejaVu Sans Bold, the widest likely TV font). */
const CHAR_EM = 0.64;
/** The title's line height (Tile.svelte): DejaVu's ascent + descent is 1.164 em. */
export const LINE_HEIGHT = 1.17;

/** The width of `text` in the title's bold font at `px`; the page measures with a canvas, tests estimate. */
export type Measure = (text: string, px: number) => number;

/** An estimate from the character count, for where there is no canvas. */
export const estimate: Measure = (text, px) => [...text].length * CHAR_EM * px;

/** Lines a greedy word wrap needs for `title` at `px` in `width`. */
export function wrappedLines(title: string, px: number, width: number, measure: Measure = estimate): number {
  let lines = 1,
    line = "";
  for (const word of title.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (measure(next, px) <= width) {
      line = next;
      continue;
    }
    if (line) lines++;
    // a word longer than a line breaks inside it (overflow-wrap: break-word)
    const w = measure(word, px);
    lines += Math.max(0, Math.ceil(w / width) - 1);
    line = w > width ? "" : word;
  }
  return lines;
}

/** The title's font size: full size when it fits in two lines, else the largest size down to the floor that does. */
export function titleSize(title: string, s: GlanceSizes, measure: Measure = estimate): number {
  for (let px = s.title; px > s.titleFloor; px -= 0.5) {
    if (wrappedLines(title, px, s.innerWidth, measure) <= 2) return px;
  }
  // at the floor it may take a third line; only when even that leaves no room for the status does it shrink further
  for (let px = s.titleFloor; px > 8; px -= 0.5) {
    if (wrappedLines(title, px, s.innerWidth, measure) * px * LINE_HEIGHT <= s.titleBudget) return px;
  }
  return 8;
}

/** The gap between tiles for a viewport width: narrower when many tiles share the screen. */
export function gridGap(viewportWidth: number, count = 1): number {
  return count > 30 ? clamp(viewportWidth * 0.0032, 4, 12) : clamp(viewportWidth * 0.006, 6, 20);
}

/**
 * Text widths in the title's font, from one shared canvas: the glance picks a
 * title size that wraps in two lines by measuring, not guessing (fonts differ per TV).
 */
import type { Measure } from "./glance.ts";

let ctx: CanvasRenderingContext2D | null | undefined;
const cache = new Map<string, number>();

export const measureTitle: Measure = (text, px) => {
  if (ctx === undefined) ctx = document.createElement("canvas").getContext("2d");
  if (!ctx) return [...text].length * 0.64 * px;
  const key = `${text}\u0000`;
  let at100 = cache.get(key);
  if (at100 === undefined) {
    ctx.font = `700 100px ${getComputedStyle(document.body).fontFamily}`;
    at100 = ctx.measureText(text).width;
    if (cache.size > 5000) cache.clear();
    cache.set(key, at100);
  }
  return ((at100 * px) / 100) * 1.02; // a hair of slack for rounding in layout
};

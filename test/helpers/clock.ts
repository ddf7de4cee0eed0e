/** A hand-driven clock for code that takes `now` as a function. */
export function manualClock(start = Date.parse("2026-11-29T10:00:00Z")) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
    set(ms: number) {
      t = ms;
    },
  };
}

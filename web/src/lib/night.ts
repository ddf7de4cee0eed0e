/** The night schedule and the burn-in shift, as pure functions of the time. */
import type { NightSchedule } from "../../../collector/contract.ts";

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** True between `from` and `to` local time; a schedule past midnight (20:00–07:00) wraps. */
export function isNight(
  now: number,
  night: NightSchedule | null,
  tzOffsetMin = new Date(now).getTimezoneOffset(),
): boolean {
  if (!night) return false;
  const local = (((Math.floor(now / 60_000) - tzOffsetMin) % 1440) + 1440) % 1440;
  const from = minutes(night.from),
    to = minutes(night.to);
  return from <= to ? local >= from && local < to : local >= from || local < to;
}

/** Every BURN_IN_MS the page moves to the next of eight offsets within ±SHIFT px. */
export const BURN_IN_MS = 3 * 60_000;
const SHIFT = 3;
const OFFSETS: [number, number][] = [
  [0, 0],
  [SHIFT, 0],
  [SHIFT, SHIFT],
  [0, SHIFT],
  [-SHIFT, SHIFT],
  [-SHIFT, 0],
  [-SHIFT, -SHIFT],
  [0, -SHIFT],
];

export function burnInOffset(now: number): { x: number; y: number } {
  const [x, y] = OFFSETS[Math.floor(now / BURN_IN_MS) % OFFSETS.length]!;
  return { x, y };
}

/** The fire warden in the header: "Fire warden: Alice (until Mon 09:00)". */
import type { WardenNow } from "../../../collector/contract.ts";

export const WARDEN_CONTEXT = Symbol("warden");
export interface WardenContext {
  readonly current: WardenNow | null;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** Local weekday and time of the turn's end; the screen's clock zone is the office's. */
export function untilText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getDay()]} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function wardenText(w: WardenNow | null): string | null {
  if (!w?.name) return null;
  return w.until ? `Fire warden: ${w.name} (until ${untilText(w.until)})` : `Fire warden: ${w.name}`;
}

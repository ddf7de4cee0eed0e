/** Claims on the page: the words on the tile and the calls that make and end them (pure text + thin fetch). */
import type { Tile } from "../../../collector/contract.ts";
import { formatAge } from "../../../collector/durations.ts";

export const NAME_KEY = "radiator:claim-name";
export const TOKEN_KEY = "radiator:write-token";

/** "Alice is on it · 12 min · rolling back 1.4.2" */
export function claimText(claim: Tile["claim"], now: number): string | null {
  if (!claim) return null;
  const at = Date.parse(claim.at);
  const parts = [`${claim.by} is on it`];
  if (Number.isFinite(at)) parts.push(formatAge(now - at));
  if (claim.note) parts.push(claim.note);
  return parts.join(" · ");
}

export type ClaimResult = { ok: true; tile: Tile } | { ok: false; status: number; error: string };

/** Storage may be missing or refuse (private mode, kiosk policies): the form still works without it. */
export function remembered(key: string): string {
  try {
    return localStorage.getItem(key) ?? "";
  } catch {
    return "";
  }
}

export function remember(key: string, value: string): void {
  try {
    if (value) localStorage.setItem(key, value);
    else localStorage.removeItem(key);
  } catch {
    // not remembered, nothing lost
  }
}

export async function sendClaim(
  id: string,
  claim: { name: string; note: string } | null,
  token: string,
): Promise<ClaimResult> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers["x-radiator-token"] = token;
  try {
    const res = await fetch(`/api/tiles/${encodeURIComponent(id)}/claim`, {
      method: claim ? "POST" : "DELETE",
      headers,
      body: claim ? JSON.stringify(claim) : undefined,
    });
    const body = (await res.json().catch(() => ({}))) as Tile & { error?: string };
    if (res.ok) return { ok: true, tile: body };
    return { ok: false, status: res.status, error: body.error ?? `the collector answered ${res.status}` };
  } catch {
    return { ok: false, status: 0, error: "cannot reach the collector" };
  }
}

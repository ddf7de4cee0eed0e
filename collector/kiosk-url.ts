/**
 * `radiator kiosk-url`: the address a TV opens, with the page's parameters (see web/src/lib/url-state.ts).
 * Pure: the command loads the config and passes its board ids in.
 */
import { parseDuration } from "./durations.ts";

export interface KioskUrlRequest {
  /** The collector as the TV reaches it, e.g. http://radiator.office.lan:8080 or https://radiator.office.lan. */
  base: string;
  /** One id, or several comma-separated (the page then shows or rotates them). */
  board: string;
  theme?: string;
  rotate?: string;
}

/** A mistake in the request; the message says what to change. */
export class KioskUrlError extends Error {}

export function kioskUrl(req: KioskUrlRequest, boardIds: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(req.base);
  } catch {
    throw new KioskUrlError(`--base must be a URL such as http://radiator.office.lan:8080, not "${req.base}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new KioskUrlError(`--base must be http(s), not ${url.protocol}`);
  if (url.username || url.password) throw new KioskUrlError("--base must not carry a user name or password");
  // The page's asset paths are absolute (/assets/…): it is served at the root of its host name.
  if (url.pathname !== "/" || url.search || url.hash) {
    throw new KioskUrlError(
      `--base is the collector's address without a path (the page is served at /), not "${req.base}"`,
    );
  }
  const boards = req.board
    .split(",")
    .map((b) => b.trim())
    .filter(Boolean);
  if (boards.length === 0) throw new KioskUrlError("--board names at least one board");
  const unknown = boards.filter((b) => !boardIds.includes(b));
  if (unknown.length) {
    throw new KioskUrlError(
      `unknown board${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}; boards: ${boardIds.join(", ")}`,
    );
  }
  const params = [`board=${boards.map(encodeURIComponent).join(",")}`];
  if (req.rotate !== undefined) {
    const ms = /^\d+$/.test(req.rotate) ? Number(req.rotate) * 1000 : parseDuration(req.rotate);
    if (ms === undefined || ms < 5000)
      throw new KioskUrlError(`--rotate must be a duration of at least 5s (30s, 2m), not "${req.rotate}"`);
    if (boards.length < 2) throw new KioskUrlError("--rotate needs two or more boards (--board team,ops)");
    params.push(`rotate=${req.rotate}`);
  }
  if (req.theme !== undefined) {
    if (!/^[a-z][a-z-]{0,30}$/.test(req.theme))
      throw new KioskUrlError(`--theme is a theme name such as light, not "${req.theme}"`);
    params.push(`theme=${req.theme}`);
  }
  return `${url.origin}/?${params.join("&")}`;
}

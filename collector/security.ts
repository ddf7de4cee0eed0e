/**
 * Security basics for the page and its API: response headers (CSP, nosniff,
 * no referrer), the optional viewer token, and the optional WebSocket Origin
 * allowlist. Nothing here ever writes a token into an answer or a log line.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { SecuritySettings } from "./config/security.ts";

export const VIEW_COOKIE = "radiator_view";
const TOKEN_HEADER = "x-radiator-token";
/** A kiosk stays logged in for good; the cookie is replaced whenever the token is given again. */
const COOKIE_MAX_AGE_S = 400 * 24 * 3600;
/** Only a plain host[:port] goes into the CSP, so a forged Host header cannot add directives. */
const PLAIN_HOST = /^[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9A-Fa-f:.]+\](:\d+)?$/;

const digest = (text: string) => createHash("sha256").update(text).digest();

/** Constant time in the token's content: both sides are hashed to the same length first. */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  return timingSafeEqual(digest(given), digest(expected));
}

/** The cookie holds a value derived from the token, so the browser never stores the token itself. */
function cookieValue(token: string): string {
  return createHash("sha256").update(`radiator-view-cookie\u0000${token}`).digest("base64url");
}

export function contentSecurityPolicy(s: SecuritySettings, host: string | undefined): string {
  // Old smart-TV browsers do not count ws: as 'self'; name the socket's own origin for them.
  const socket = host && PLAIN_HOST.test(host) ? ` ws://${host} wss://${host}` : "";
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self'${socket}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${s.frameAncestors.join(" ")}`,
  ].join("; ");
}

/** Headers on every answer, errors included. */
export function securityHeaders(settings: () => SecuritySettings): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const s = settings();
    c.res.headers.set("content-security-policy", contentSecurityPolicy(s, c.req.header("host")));
    c.res.headers.set("x-content-type-options", "nosniff");
    c.res.headers.set("referrer-policy", "no-referrer");
    // For browsers that predate frame-ancestors.
    const only = s.frameAncestors.length === 1 ? s.frameAncestors[0] : undefined;
    if (only === "'self'") c.res.headers.set("x-frame-options", "SAMEORIGIN");
    else if (only === "'none'") c.res.headers.set("x-frame-options", "DENY");
  };
}

/** The token a request carries in a header, the cookie or (once) `?token=`. */
function presented(headers: { authorization?: string; token?: string; cookie?: string }, token: string): boolean {
  const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? "")?.[1]?.trim();
  if (bearer !== undefined && sameSecret(bearer, token)) return true;
  if (headers.token !== undefined && sameSecret(headers.token, token)) return true;
  return headers.cookie !== undefined && sameSecret(headers.cookie, cookieValue(token));
}

/**
 * Writes (webhooks, pushed events) carry their own secret (`writeToken`, a source's token); machines
 * sending them have no viewer cookie.
 */
const OPEN_PATHS = (path: string) =>
  path === "/healthz" || path.startsWith("/api/webhooks/") || path.startsWith("/api/events/");

function refuse(c: Context) {
  const text =
    "This radiator needs a viewer token: open the page once with ?token=… " +
    "(or send Authorization: Bearer … / X-Radiator-Token).";
  if ((c.req.header("accept") ?? "").includes("text/html")) return c.text(text, 401);
  return c.json({ error: text }, 401);
}

/** When a viewer token is set, every route but `/healthz` and webhooks needs it. */
export function viewGuard(settings: () => SecuritySettings): MiddlewareHandler {
  return async (c, next) => {
    const token = settings().viewToken;
    if (!token || OPEN_PATHS(c.req.path)) return next();
    const url = new URL(c.req.url);
    const fromQuery = url.searchParams.get("token");
    if (fromQuery !== null && (c.req.method === "GET" || c.req.method === "HEAD")) {
      if (!sameSecret(fromQuery, token)) return refuse(c);
      // Given once: remember it in a cookie and take it out of the address bar, history and logs.
      setCookie(c, VIEW_COOKIE, cookieValue(token), {
        httpOnly: true,
        sameSite: "Lax",
        path: "/",
        maxAge: COOKIE_MAX_AGE_S,
        secure: url.protocol === "https:",
      });
      url.searchParams.delete("token");
      c.header("cache-control", "no-store");
      return c.redirect(`${url.pathname}${url.search}`, 302);
    }
    const ok = presented(
      {
        authorization: c.req.header("authorization"),
        token: c.req.header(TOKEN_HEADER),
        cookie: getCookie(c, VIEW_COOKIE),
      },
      token,
    );
    return ok ? next() : refuse(c);
  };
}

function cookieFrom(header: string | undefined): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === VIEW_COOKIE) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

/** Whether a `/ws` upgrade may go ahead: 401 without the viewer token, 403 from an origin not allowed. */
export function upgradeVerdict(
  req: IncomingMessage,
  s: SecuritySettings,
): { status: 401 | 403; text: string } | undefined {
  const origin = req.headers.origin;
  if (
    s.allowedOrigins &&
    origin !== undefined &&
    !sameHost(origin, req.headers.host) &&
    !s.allowedOrigins.includes(origin)
  ) {
    return { status: 403, text: "this origin may not open the radiator's WebSocket (allowedOrigins)" };
  }
  if (!s.viewToken) return undefined;
  const query = new URL(req.url ?? "/", "http://localhost").searchParams.get("token") ?? undefined;
  const header = req.headers[TOKEN_HEADER];
  const ok =
    (query !== undefined && sameSecret(query, s.viewToken)) ||
    presented(
      {
        authorization: req.headers.authorization,
        token: Array.isArray(header) ? header[0] : header,
        cookie: cookieFrom(req.headers.cookie),
      },
      s.viewToken,
    );
  return ok ? undefined : { status: 401, text: "a viewer token is required" };
}

/** The page's own origin is always allowed: the allowlist is for other sites. */
function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * The only place the collector calls `fetch`. Sources get an instance as
 * `ctx.http`, bound to their connection's base URL and auth headers, and never
 * deal with timeouts, size limits, redirects, ETags, rate limits or redaction.
 */
import { redact } from "./redact.ts";
import type { HttpMetrics } from "./metrics.ts";
import { UpstreamError, type UpstreamErrorCode, clock } from "./upstream-error.ts";
import { firstSegment, readRateLimit, type RateLimitState } from "./rate-limit.ts";
import { checkStatus, describe, networkError, readLimited, upstreamError } from "./http-status.ts";
import { EtagCache } from "./etag-cache.ts";
import { basicAuth } from "./connections/define.ts";
import { send, type Answer } from "./http-transport.ts";
import { requestSignal } from "./request-signal.ts";
import type { Agent } from "node:http";

export { UpstreamError, type UpstreamErrorCode } from "./upstream-error.ts";
export type { RateLimitState } from "./rate-limit.ts";

export type Query = Record<string, string | number | boolean | undefined | null | readonly (string | number)[]>;

export interface RequestOptions {
  query?: Query;
  headers?: Record<string, string>;
  method?: "GET" | "POST";
  /** Sent as JSON. */
  body?: unknown;
  timeoutMs?: number;
  /** Statuses besides 2xx that are answers rather than errors (e.g. 404 for "no such branch"). */
  accept?: number[];
  /** Every status is an answer (for checks that judge the status themselves). */
  anyStatus?: boolean;
  signal?: AbortSignal;
}

export interface HttpResult<T> {
  status: number;
  headers: Headers;
  body: T;
  url: string;
  /** The upstream answered 304 and the body is the cached one. */
  notModified: boolean;
  /** Milliseconds from request to the end of the body. */
  elapsedMs: number;
}

export interface HttpClientOptions {
  /** Paths given to the client resolve against this. */
  baseUrl?: string;
  headers?: Record<string, string>;
  /** Values that must never appear in an error text. */
  secrets?: readonly string[];
  timeoutMs?: number;
  maxBytes?: number;
  /** Label for metrics, e.g. the connection name. */
  name?: string;
  now?: () => number;
  /** The collector's upstream counters; none in unit tests. */
  metrics?: HttpMetrics;
  /**
   * A per-connection https.Agent (own CA, client certificate), asked for per request:
   * bad TLS files fail only its tiles.
   */
  agent?: () => Promise<Agent>;
}

type Optional = "baseUrl" | "metrics" | "agent";
const MAX_REDIRECTS = 5;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const DEFAULT_RESOURCE = "default";
/** URLs kept per client by `resolve` (a tile's few; more only when a kind builds URLs from upstream data). */
const MAX_RESOLVED = 1024;

export class HttpClient {
  /**
   * Rate-limit budgets by resource: GitHub keeps separate ones (core, search,
   * graphql) and names them in X-RateLimit-Resource; other services have one.
   */
  private readonly limits = new Map<string, RateLimitState>();
  /** Which resource a path's first segment (`search`, `repos`) was last answered from. */
  private readonly resourceOf = new Map<string, string>();
  private lastLimit: RateLimitState = {};
  readonly counters = { requests: 0, notModified: 0 };
  private readonly cache = new EtagCache();
  private readonly resolved = new Map<string, string>();
  private readonly opts: Required<Omit<HttpClientOptions, Optional>> & Pick<HttpClientOptions, Optional>;

  constructor(options: HttpClientOptions = {}) {
    this.opts = {
      headers: {},
      secrets: [],
      timeoutMs: DEFAULT_TIMEOUT_MS,
      maxBytes: DEFAULT_MAX_BYTES,
      name: "none",
      now: Date.now,
      ...options,
    };
  }

  /** GET (or POST) and parse JSON; a body that is not JSON is a `parse` error. */
  async json<T = unknown>(path: string, options: RequestOptions = {}): Promise<HttpResult<T>> {
    // A connection may name its own media type (PagerDuty versions its API in Accept): keep it.
    const ownAccept = Object.keys(this.opts.headers).some((k) => k.toLowerCase() === "accept");
    const res = await this.text(path, {
      ...options,
      headers: { ...(ownAccept ? {} : { accept: "application/json" }), ...options.headers },
    });
    try {
      return { ...res, body: (res.body === "" ? null : JSON.parse(res.body)) as T };
    } catch {
      throw this.error(`${describe(res.url)} answered with malformed JSON (HTTP ${res.status})`, "parse", res.status);
    }
  }

  /** GET (or POST) and return the body as text. */
  async text(path: string, options: RequestOptions = {}): Promise<HttpResult<string>> {
    let url = this.resolve(path, options.query);
    const now = this.opts.now();
    const segment = firstSegment(path);
    let limit = this.limitFor(this.resourceOf.get(segment) ?? DEFAULT_RESOURCE);
    const blocked = limit.blockedUntil;
    if (blocked !== undefined && blocked > now) {
      throw this.error(`rate limited until ${clock(blocked)}`, "rate-limited", 429, blocked);
    }
    const method = options.method ?? "GET";
    const cached = method === "GET" ? this.cache.get(url) : undefined;
    const headers: Record<string, string> = { "user-agent": "radiator", ...this.opts.headers, ...options.headers };
    // What the connection adds goes only to the origin it was configured for (see fetchFollowing).
    const own = new Set(Object.keys(this.opts.headers).map((k) => k.toLowerCase()));
    // user:password@ in a URL goes as basic auth (and only to that origin, as the connection's own header).
    const parsed = url.includes("@") ? new URL(url) : undefined;
    if (parsed && (parsed.username || parsed.password)) {
      headers.authorization ??= basicAuth(decodeURIComponent(parsed.username), decodeURIComponent(parsed.password));
      own.add("authorization");
      parsed.username = "";
      parsed.password = "";
      url = parsed.toString();
    }
    if (cached?.etag) headers["if-none-match"] = cached.etag;
    else if (cached?.lastModified) headers["if-modified-since"] = cached.lastModified;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["content-type"] = "application/json";
    }

    const started = performance.now();
    const timeoutMs = options.timeoutMs ?? this.opts.timeoutMs;
    const { signal, done } = requestSignal(timeoutMs, options.signal);
    // the timer and the listener on the poll's signal end with the request (body read), not 10 s later
    try {
      this.counters.requests++;
      let response: Answer;
      let finalUrl = url;
      try {
        ({ response, url: finalUrl } = await this.fetchFollowing(url, { method, headers, body, signal }, own));
      } catch (err) {
        throw networkError(err, url, timeoutMs, signal, this.opts.secrets);
      }
      const resource = response.headers.get("x-ratelimit-resource");
      if (resource) this.resourceOf.set(segment, resource);
      limit = this.limitFor(resource ?? this.resourceOf.get(segment) ?? DEFAULT_RESOURCE);
      readRateLimit(limit, response.headers, response.status, this.opts.now());
      this.lastLimit = limit;
      const metrics = this.opts.metrics;
      if (limit.remaining !== undefined)
        metrics?.rateRemaining.set(
          { connection: this.opts.name, resource: resource ?? DEFAULT_RESOURCE },
          limit.remaining,
        );
      metrics?.requests.inc({ connection: this.opts.name, outcome: String(response.status) });

      if (response.status === 304 && cached) {
        response.discard();
        this.counters.notModified++;
        metrics?.notModified.inc({ connection: this.opts.name });
        return {
          status: cached.status,
          headers: cached.headers,
          body: cached.text,
          url: finalUrl,
          notModified: true,
          elapsedMs: performance.now() - started,
        };
      }
      let text: string;
      try {
        text = await readLimited(response, finalUrl, this.opts.maxBytes, this.opts.secrets);
      } catch (err) {
        if (err instanceof UpstreamError) throw err;
        throw networkError(err, finalUrl, timeoutMs, signal, this.opts.secrets);
      }
      const elapsedMs = performance.now() - started;
      if (!options.anyStatus)
        checkStatus(response, finalUrl, text, limit, options.accept, this.opts.now, this.opts.secrets);
      const etag = response.headers.get("etag") ?? undefined;
      const lastModified = response.headers.get("last-modified") ?? undefined;
      if (method === "GET" && (etag || lastModified))
        this.cache.set(url, { etag, lastModified, text, status: response.status, headers: response.headers });
      return {
        status: response.status,
        headers: response.headers,
        body: text,
        url: finalUrl,
        notModified: false,
        elapsedMs,
      };
    } finally {
      done();
    }
  }

  /** The absolute URL for a path, with the query appended; exposed for links in tiles. */
  resolve(path: string, query?: Query): string {
    // a tile asks for the same URL at every poll: built once (two URL parses and a query) per path and query
    const key = query ? `${path}\u0000${JSON.stringify(query)}` : path;
    let url = this.resolved.get(key);
    if (url === undefined) {
      if (this.resolved.size >= MAX_RESOLVED) this.resolved.clear();
      url = this.build(path, query);
      this.resolved.set(key, url);
    }
    return url;
  }

  private build(path: string, query?: Query): string {
    const base = this.opts.baseUrl;
    const url =
      base && !/^https?:\/\//i.test(path)
        ? new URL(path.replace(/^\//, ""), base.endsWith("/") ? base : `${base}/`)
        : new URL(path);
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v === undefined || v === null) continue;
      if (Array.isArray(v)) for (const item of v) url.searchParams.append(k, String(item));
      else url.searchParams.set(k, String(v));
    }
    return url.toString();
  }

  /** Redact this client's secrets from any text. */
  redact(text: string): string {
    return redact(text, this.opts.secrets);
  }

  private async fetchFollowing(
    url: string,
    init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
    own: Set<string>,
  ) {
    let current = url;
    let headers = init.headers;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      // Like credentials, a client certificate goes only to the configured origin.
      const home = current === url || new URL(current).origin === new URL(url).origin;
      const agent = home ? await this.opts.agent?.() : undefined;
      const response = await send(current, { ...init, headers, agent });
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || response.status === 304 || !location) {
        return { response, url: current };
      }
      response.discard();
      const next = new URL(location, current);
      if (next.protocol !== "http:" && next.protocol !== "https:") {
        throw this.error(`${describe(current)} redirected to a non-http URL`, "redirect", response.status);
      }
      // Every header the connection adds, not only those known to carry credentials, stays with its origin.
      if (next.origin !== new URL(current).origin) {
        headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !own.has(k.toLowerCase())));
      }
      current = next.toString();
    }
    throw this.error(`${describe(url)} redirected more than ${MAX_REDIRECTS} times`, "redirect");
  }

  /** The budget the last answer reported on (for metrics and tests). */
  get rateLimit(): RateLimitState {
    return this.lastLimit;
  }

  private limitFor(resource: string): RateLimitState {
    let state = this.limits.get(resource);
    if (!state) this.limits.set(resource, (state = {}));
    return state;
  }

  private error(message: string, code: UpstreamErrorCode, status?: number, retryAt?: number): UpstreamError {
    return upstreamError(this.opts.secrets, message, code, status, retryAt);
  }
}

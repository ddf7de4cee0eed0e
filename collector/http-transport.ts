/**
 * One HTTP request over node:http / node:https, for HttpClient. Not `fetch`: undici's fetch costs
 * about three times the CPU of node:http per request (its streams, Headers and Response objects),
 * and a webhook-nudged poll is mostly that cost (issue 12). Like fetch it asks for and decodes
 * gzip/deflate/br, never follows redirects by itself (HttpClient does, keeping credentials on
 * their origin), and gives the headers as a WHATWG `Headers`.
 * @see https://nodejs.org/api/http.html#httprequesturl-options-callback
 */
import { request as httpRequest, type Agent, type IncomingMessage } from "node:http";
import type { Readable } from "node:stream";

export interface SendInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /** A connection's own https.Agent (its CA, client certificate); the global agents otherwise. */
  agent?: Agent;
}

export interface Answer {
  status: number;
  statusText: string;
  headers: Headers;
  /** The decoded body as text; rejects with BodyTooLarge once it passes `max` bytes. */
  text(max: number): Promise<string>;
  /** Drops the body (a 304, a redirect), so the socket can serve the next request. */
  discard(): void;
  /** Closes the connection without reading the body (one declared too large). */
  cancel(): void;
}

export class BodyTooLarge extends Error {}

/** The code of a body read that failed after the headers came (error-words.ts words it). */
export const BODY_CUT = "ERR_BODY_CUT";

// https (and tls) are loaded on the first https request: a collector polling plain http never loads them.
let https: Promise<typeof import("node:https")> | undefined;
let zlib: Promise<typeof import("node:zlib")> | undefined;

/** Sends the request; a GET whose kept-alive socket the server had just closed is tried once more. */
export async function send(url: string, init: SendInit): Promise<Answer> {
  const target = new URL(url);
  const request = target.protocol === "https:" ? (await (https ??= import("node:https"))).request : httpRequest;
  const headers: Record<string, string> = { accept: "*/*", "accept-encoding": "gzip, deflate, br", ...init.headers };
  if (init.body !== undefined) headers["content-length"] = String(Buffer.byteLength(init.body));
  for (let attempt = 0; ; attempt++) {
    try {
      return await new Promise<Answer>((resolve, reject) => {
        const req = request(target, { method: init.method, headers, agent: init.agent, signal: init.signal });
        req.once("error", (err: Error & { reused?: boolean }) => {
          err.reused = req.reusedSocket;
          reject(err);
        });
        req.once("response", (res) => resolve(answer(res)));
        req.end(init.body);
      });
    } catch (err) {
      const { code, reused } = err as { code?: string; reused?: boolean };
      const stale = reused && (code === "ECONNRESET" || code === "EPIPE");
      if (!stale || attempt > 0 || init.method !== "GET" || init.signal.aborted) throw err;
    }
  }
}

function answer(res: IncomingMessage): Answer {
  const headers = new Headers();
  const raw = res.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return {
    status: res.statusCode ?? 0,
    statusText: res.statusMessage ?? "",
    headers,
    text: (max) => readText(res, headers.get("content-encoding"), max),
    discard: () => {
      res.resume();
    },
    cancel: () => {
      res.destroy();
    },
  };
}

async function decoded(res: IncomingMessage, encoding: string | null): Promise<Readable> {
  const name = encoding?.trim().toLowerCase();
  if (!name || name === "identity") return res;
  const z = await (zlib ??= import("node:zlib"));
  const decoder =
    name === "br"
      ? z.createBrotliDecompress()
      : name === "deflate"
        ? z.createInflate()
        : name === "gzip" || name === "x-gzip"
          ? z.createGunzip()
          : undefined;
  if (!decoder) return res;
  res.once("error", (err) => decoder.destroy(err));
  return res.pipe(decoder);
}

async function readText(res: IncomingMessage, encoding: string | null, max: number): Promise<string> {
  const body = await decoded(res, encoding);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.byteLength;
      if (size > max) throw new BodyTooLarge();
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof BodyTooLarge) throw err;
    // the headers came, then the connection closed: say that, not "connection reset"
    throw Object.assign(new Error("the answer was cut off", { cause: err }), { code: BODY_CUT });
  } finally {
    // an early end (too large, an error) must not leave the socket half-read
    if (!res.complete) res.destroy();
  }
  return Buffer.concat(chunks, size).toString("utf8");
}

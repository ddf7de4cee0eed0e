/**
 * A fake upstream over real HTTP on 127.0.0.1: replays documented response
 * bodies and records what the collector sent, so contract tests can assert
 * both sides (auth header, If-None-Match, query parameters).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { AddressInfo } from "node:net";

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: string;
  /** Date.now() when the request arrived. */
  at: number;
}

export interface FakeAnswer {
  status?: number;
  headers?: Record<string, string>;
  /** Serialised as JSON with content-type application/json. */
  json?: unknown;
  /** Sent as is. */
  body?: string | Buffer;
  /** Wait before answering. */
  delayMs?: number;
  /** Never answer (the client's timeout must fire). */
  hang?: boolean;
  /** Send the headers, then the body one byte per `everyMs`. */
  drip?: { everyMs: number };
  /** Send the headers (announcing the whole length) and this many bytes of the body, then drop the connection. */
  cutAfterBytes?: number;
  /** Stream this many bytes of `chunk` repeated, chunked, honouring backpressure: never held in memory. */
  stream?: { bytes: number; chunk?: string };
}

export type FakeHandler = (req: FakeRequest) => FakeAnswer | Promise<FakeAnswer>;

export interface FakeUpstream {
  url: string;
  port: number;
  requests: FakeRequest[];
  /** Replace or add a route: "GET /path" (exact path, query ignored); "*" answers anything else. */
  route(key: string, handler: FakeHandler | FakeAnswer): void;
  /** Requests for one route key. */
  hits(key: string): FakeRequest[];
  close(): Promise<void>;
}

export async function fakeUpstream(routes: Record<string, FakeHandler | FakeAnswer> = {}): Promise<FakeUpstream> {
  const table = new Map<string, FakeHandler>();
  const requests: FakeRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const add = (key: string, h: FakeHandler | FakeAnswer) => table.set(key, typeof h === "function" ? h : () => h);
  for (const [k, h] of Object.entries(routes)) add(k, h);

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const u = new URL(req.url ?? "/", "http://x");
    const fr: FakeRequest = {
      method: req.method ?? "GET",
      path: u.pathname,
      query: u.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString(),
      at: Date.now(),
    };
    requests.push(fr);
    const handler = table.get(`${fr.method} ${fr.path}`) ?? table.get("*");
    if (!handler) {
      res
        .writeHead(404, { "content-type": "application/json" })
        .end(JSON.stringify({ message: `fake upstream: no route for ${fr.method} ${fr.path}` }));
      return;
    }
    const a = await handler(fr);
    if (a.hang) {
      hanging.add(res);
      return;
    }
    if (a.delayMs) await new Promise((r) => setTimeout(r, a.delayMs));
    const headers: Record<string, string> = { ...a.headers };
    let body: string | Buffer = a.body ?? "";
    if (a.json !== undefined) {
      body = JSON.stringify(a.json);
      headers["content-type"] ??= "application/json; charset=utf-8";
    }
    if (a.stream) return streamBody(res, a.status ?? 200, headers, a.stream);
    const bytes = Buffer.from(body);
    if (a.cutAfterBytes !== undefined) {
      res.writeHead(a.status ?? 200, { ...headers, "content-length": String(bytes.length) });
      res.write(bytes.subarray(0, a.cutAfterBytes), () => res.destroy());
      return;
    }
    if (a.drip) return dripBody(res, a.status ?? 200, headers, bytes, a.drip.everyMs, hanging);
    res.writeHead(a.status ?? 200, headers).end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    route: add,
    hits: (key) => requests.filter((r) => `${r.method} ${r.path}` === key),
    close: () =>
      new Promise((r) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function dripBody(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  bytes: Buffer,
  everyMs: number,
  open: Set<ServerResponse>,
): void {
  open.add(res);
  res.writeHead(status, { ...headers, "content-length": String(bytes.length) });
  let i = 0;
  const timer = setInterval(() => {
    if (res.destroyed || i >= bytes.length) {
      clearInterval(timer);
      if (!res.destroyed) res.end();
      open.delete(res);
      return;
    }
    res.write(bytes.subarray(i, ++i));
  }, everyMs);
  res.on("close", () => clearInterval(timer));
}

/** A large body written chunk by chunk as the client reads it; stops when the client goes away. */
function streamBody(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  spec: { bytes: number; chunk?: string },
): void {
  const chunk = Buffer.from((spec.chunk ?? "x").repeat(Math.ceil(65_536 / (spec.chunk ?? "x").length))).subarray(
    0,
    65_536,
  );
  res.writeHead(status, headers);
  let left = spec.bytes;
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= piece.length;
      if (!res.write(piece)) return void res.once("drain", pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

/** A fixture body: JSON parsed when the name ends in .json, else text. */
export function fixture<T = any>(name: string): T {
  const text = readFileSync(FIXTURES + name, "utf8");
  return (name.endsWith(".json") ? JSON.parse(text) : text) as T;
}

/**
 * A tiny loopback HTTP server that runs one CGI program per request (RFC 3875
 * environment: REQUEST_METHOD, QUERY_STRING, REMOTE_USER …) behind HTTP basic
 * auth, as Apache does for Nagios' CGIs. For integration tests only.
 */
import { execFile } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface CgiServer {
  url: string;
  close(): Promise<void>;
}

export async function cgiServer(opts: {
  programs: Record<string, string>;
  env: Record<string, string>;
  user: string;
  password: string;
}): Promise<CgiServer> {
  const expected = `Basic ${Buffer.from(`${opts.user}:${opts.password}`).toString("base64")}`;
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? "/", "http://x");
    if (req.headers.authorization !== expected) {
      res
        .writeHead(401, { "www-authenticate": 'Basic realm="Nagios Access"', "content-type": "text/html" })
        .end("<h1>Unauthorized</h1>");
      return;
    }
    const program = opts.programs[u.pathname.split("/").pop() ?? ""];
    if (!program) {
      res.writeHead(404).end("not found");
      return;
    }
    const env = {
      ...opts.env,
      GATEWAY_INTERFACE: "CGI/1.1",
      REQUEST_METHOD: req.method ?? "GET",
      QUERY_STRING: u.search.slice(1),
      REMOTE_USER: opts.user,
      AUTH_TYPE: "Basic",
      SCRIPT_NAME: u.pathname,
      SERVER_NAME: "127.0.0.1",
      SERVER_PROTOCOL: "HTTP/1.1",
    };
    execFile(program, [], { env, timeout: 10_000, maxBuffer: 20 * 1024 * 1024, encoding: "buffer" }, (err, stdout) => {
      if (err && !stdout.length) {
        res.writeHead(502).end(`CGI failed: ${err.message}`);
        return;
      }
      const text = stdout.toString("utf8");
      const split = text.search(/\r?\n\r?\n/);
      const head = split < 0 ? "" : text.slice(0, split);
      const body = split < 0 ? text : text.slice(split).replace(/^\r?\n\r?\n/, "");
      const headers: Record<string, string> = {};
      let status = 200;
      for (const line of head.split(/\r?\n/)) {
        const m = /^([^:]+):\s*(.*)$/.exec(line);
        if (!m) continue;
        if (m[1]!.toLowerCase() === "status") status = parseInt(m[2]!, 10) || 200;
        else headers[m[1]!.toLowerCase()] = m[2]!;
      }
      res.writeHead(status, headers).end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

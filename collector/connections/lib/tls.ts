/**
 * A connection's own TLS trust and identity: a CA file to verify the server
 * with (never a switch to stop verifying) and an optional client certificate.
 * The files are read once when the connection's client is built; a file that
 * cannot be read fails that connection's requests with a readable error.
 */
import { readFileSync } from "node:fs";
import type { Agent } from "node:http";

/** Paths to PEM files, as a connection definition's `tls(conn)` returns them. */
export interface TlsFiles {
  ca?: string;
  cert?: string;
  key?: string;
}

export interface ConnectionTls {
  /** Asked for per request by the HTTP client (the first call makes the https.Agent). */
  agent: () => Promise<Agent>;
  /** File contents that must never appear in an error text (the private key). */
  secrets: string[];
}

export function connectionTls(files: TlsFiles): ConnectionTls | undefined {
  const named = Object.entries(files).filter(([, path]) => typeof path === "string" && path !== "");
  if (named.length === 0) return undefined;
  const pem: Record<string, string> = {};
  let failure: Error | undefined;
  for (const [what, path] of named) {
    try {
      pem[what] = readFileSync(path!, "utf8");
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      // The field, not the path: a path may come from a variable, and errors reach the wall.
      failure ??= new Error(`the connection's TLS file \`${what}\` cannot be read (${code})`);
    }
  }
  if (failure) {
    const error = failure;
    return {
      agent: () => Promise.reject(error),
      secrets: [],
    };
  }
  // node:https is imported on the first request: a collector polling plain http never loads it.
  let made: Promise<Agent> | undefined;
  const options = { ca: pem.ca, cert: pem.cert, key: pem.key, rejectUnauthorized: true, keepAlive: true };
  const agent = () => (made ??= import("node:https").then((https) => new https.Agent(options)));
  return { agent, secrets: pem.key ? [pem.key] : [] };
}

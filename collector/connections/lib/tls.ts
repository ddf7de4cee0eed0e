/**
 * A connection's own TLS trust and identity: a CA file to verify the server
 * with (never a switch to stop verifying) and an optional client certificate.
 * The files are read once when the connection's client is built; a file that
 * cannot be read fails that connection's requests with a readable error.
 */
import { readFileSync } from "node:fs";

/** Paths to PEM files, as a connection definition's `tls(conn)` returns them. */
export interface TlsFiles {
  ca?: string;
  cert?: string;
  key?: string;
}

export interface ConnectionTls {
  /** Made per request by the HTTP client (the first call loads undici's Agent). */
  dispatcher: () => Promise<unknown>;
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
      dispatcher: () => Promise.reject(error),
      secrets: [],
    };
  }
  // undici is imported on the first request: a collector without TLS files never loads it (~15 MB RSS).
  let agent: Promise<unknown> | undefined;
  const connect = { ca: pem.ca, cert: pem.cert, key: pem.key, rejectUnauthorized: true };
  const dispatcher = () => (agent ??= import("undici").then(({ Agent }) => new Agent({ connect })));
  return { dispatcher, secrets: pem.key ? [pem.key] : [] };
}

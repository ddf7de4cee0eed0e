/**
 * Node's and undici's error codes in words a person at the wall understands
 * ("UND_ERR_SOCKET" said nothing). Only the URL's host and path are named:
 * user info and query strings may carry credentials.
 * @see https://nodejs.org/api/errors.html#common-system-errors
 * @see https://undici.nodejs.org/#/docs/api/Errors
 * @see https://nodejs.org/api/tls.html#x509-certificate-error-codes
 */

import { BODY_CUT } from "./http-transport.ts";

type Words = (host: string, hostname: string) => string;

const NO_ROUTE: Words = (h) => `there is no network route to ${h}`;
const UNKNOWN_ISSUER: Words = (h) =>
  `the TLS certificate of ${h} cannot be checked: its issuer is unknown (missing intermediate certificate?)`;

const WORDS: Record<string, Words> = {
  ECONNREFUSED: (h) => `${h} refused the connection: nothing listens on that port, or a firewall rejects it`,
  ENOTFOUND: (_h, name) => `the host name ${name} was not found (DNS): check the URL`,
  EAI_AGAIN: (_h, name) => `the host name ${name} could not be looked up just now (DNS did not answer)`,
  ECONNRESET: (h) => `${h} dropped the connection (connection reset)`,
  EPIPE: (h) => `${h} dropped the connection (connection reset)`,
  ETIMEDOUT: (h) => `the connection to ${h} timed out`,
  EHOSTUNREACH: NO_ROUTE,
  ENETUNREACH: NO_ROUTE,
  UND_ERR_SOCKET: (h) => `${h} closed the connection in the middle of its answer`,
  [BODY_CUT]: (h) => `${h} closed the connection in the middle of its answer`,
  UND_ERR_CONNECT_TIMEOUT: (h) => `${h} did not accept the connection in time`,
  UND_ERR_HEADERS_TIMEOUT: (h) => `${h} accepted the connection but sent no answer in time`,
  UND_ERR_BODY_TIMEOUT: (h) => `${h} stopped sending in the middle of its answer`,
  CERT_HAS_EXPIRED: (h) => `the TLS certificate of ${h} has expired`,
  CERT_NOT_YET_VALID: (h) => `the TLS certificate of ${h} is not valid yet (check the clocks)`,
  DEPTH_ZERO_SELF_SIGNED_CERT: (h) => `${h} has a self-signed TLS certificate, which is not trusted`,
  SELF_SIGNED_CERT_IN_CHAIN: (h) =>
    `the TLS certificate of ${h} comes from a CA that is not trusted (self-signed in the chain)`,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: UNKNOWN_ISSUER,
  UNABLE_TO_GET_ISSUER_CERT: UNKNOWN_ISSUER,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: UNKNOWN_ISSUER,
  ERR_TLS_CERT_ALTNAME_INVALID: (h, name) => `the TLS certificate of ${h} is not for the name ${name}`,
};

/** The first `code` along the cause chain: fetch wraps the socket's error once, a body read twice. */
function codeOf(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code) return code;
  }
  return undefined;
}

function deepestMessage(err: unknown): string {
  let text = err instanceof Error ? err.message : String(err);
  for (let e = (err as { cause?: unknown })?.cause, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e.message) text = e.message;
  }
  return text;
}

/** One sentence for a request that failed below HTTP (no status): refused, DNS, TLS, cut off. */
export function networkWords(err: unknown, url: string): string {
  let host = "upstream",
    hostname = "upstream",
    where = "upstream";
  try {
    const u = new URL(url);
    host = u.host;
    hostname = u.hostname;
    where = `${u.host}${u.pathname}`;
  } catch {
    // An unparsable URL: name no part of it.
  }
  const code = codeOf(err);
  const words = code ? WORDS[code] : undefined;
  if (words) return words(host, hostname);
  if (code?.startsWith("UND_ERR_")) return `the connection to ${host} failed (${code})`;
  if (code?.startsWith("CERT_") || code?.startsWith("ERR_TLS_")) {
    return `the TLS certificate of ${host} was rejected (${code})`;
  }
  return `cannot reach ${where}: ${code ?? deepestMessage(err)}`;
}

/**
 * Reads the TLS certificate a server presents, for expiry checks. A separate
 * TLS handshake rather than part of the HTTP request: fetch does not expose
 * the peer certificate. Verification is off here on purpose — the point is to
 * read the dates of a certificate, even an expired or self-signed one; the
 * HTTP check itself still verifies.
 */
import { connect } from "node:tls";
import { isIP } from "node:net";

export interface CertificateInfo {
  validFrom: Date;
  validTo: Date;
  /** Common name of the subject, or its first alt name. */
  subject: string;
  issuer: string;
}

export function readCertificate(
  url: string,
  opts: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<CertificateInfo> {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, "");
  const port = Number(u.port || 443);
  const where = `${host}:${port}`;
  return new Promise((resolve, reject) => {
    const socket = connect({
      host,
      port,
      servername: isIP(host) ? undefined : host,
      rejectUnauthorized: false,
      ALPNProtocols: ["http/1.1"],
    });
    const fail = (why: string) => {
      socket.destroy();
      reject(new Error(`TLS certificate of ${where} not read: ${why}`));
    };
    const onAbort = () => fail("cancelled");
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    socket.setTimeout(opts.timeoutMs ?? 10_000, () =>
      fail(`no handshake within ${(opts.timeoutMs ?? 10_000) / 1000} s`),
    );
    socket.once("error", (err: NodeJS.ErrnoException) => fail(err.code ?? err.message));
    socket.once("close", () => opts.signal?.removeEventListener("abort", onAbort));
    socket.once("secureConnect", () => {
      const cert = socket.getPeerCertificate();
      socket.end();
      if (!cert || !cert.valid_to) return fail("the server sent no certificate");
      const validTo = new Date(cert.valid_to),
        validFrom = new Date(cert.valid_from);
      if (Number.isNaN(validTo.getTime())) return fail(`unreadable expiry date ${JSON.stringify(cert.valid_to)}`);
      const name = (x: unknown) => (typeof x === "string" ? x : Array.isArray(x) ? String(x[0]) : undefined);
      resolve({
        validFrom,
        validTo,
        subject: name(cert.subject?.CN) ?? cert.subjectaltname?.split(",")[0]?.replace(/^DNS:/, "").trim() ?? host,
        issuer: name(cert.issuer?.CN) ?? name(cert.issuer?.O) ?? "unknown issuer",
      });
    });
  });
}

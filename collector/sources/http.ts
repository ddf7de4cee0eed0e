/**
 * `http`: an HTTP check. Unlike other kinds, an unreachable URL is not
 * "unknown": it is exactly the failure this tile reports, so it is `fail`.
 * For https URLs it also reads the server's TLS certificate and warns before
 * it expires.
 */
import { z } from "zod";
import { worstStatus, type Status, type TileFields, type TileItem } from "../contract.ts";
import { formatAge } from "../durations.ts";
import { UpstreamError } from "../http-client.ts";
import { appendSeries } from "../series.ts";
import { safeLink } from "../links.ts";
import { readCertificate, type CertificateInfo } from "../tls-expiry.ts";
import { defineSource, type NormaliseContext } from "./define.ts";

const DAY_MS = 86_400_000;

export const params = z.object({
  url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).describe("The URL to GET."),
  expect: z
    .array(z.number().int().min(100).max(599))
    .min(1)
    .default([200])
    .describe("Statuses that count as up; default [200]."),
  warnMs: z
    .number()
    .positive()
    .default(1000)
    .describe("Warn when the answer takes longer than this many milliseconds."),
  contains: z.string().min(1).optional().describe('Fail unless the body contains this text (e.g. `"status":"UP"`).'),
  certWarnDays: z
    .number()
    .min(0)
    .default(14)
    .describe(
      "For https URLs: warn when the TLS certificate expires within this many days, fail once it has expired; 0 turns the check off.",
    ),
});
type Params = z.infer<typeof params>;

export interface CheckResult {
  status: number;
  elapsedMs: number;
  /** The body, when the check needs it (`contains`). */
  body?: string;
}

/** "in 23 d", "in 5 h", "2 d ago". */
function expiry(cert: CertificateInfo, now: Date): string {
  const left = cert.validTo.getTime() - now.getTime();
  if (left <= 0) return `cert expired ${formatAge(-left)} ago`;
  return `cert expires in ${left >= DAY_MS ? `${Math.floor(left / DAY_MS)} d` : formatAge(left)}`;
}

function certStatus(cert: CertificateInfo, p: Params, now: Date): Status {
  const left = cert.validTo.getTime() - now.getTime();
  if (left <= 0 || cert.validFrom.getTime() > now.getTime()) return "fail";
  return left < p.certWarnDays * DAY_MS ? "warn" : "ok";
}

/** The GET's outcome (a network failure is an answer here) and, for https, the certificate or why it was not read. */
export interface HttpAnswer {
  result: CheckResult | UpstreamError;
  cert?: CertificateInfo | Error;
}

function normalise({ result, cert }: HttpAnswer, p: Params, { now, previous }: NormaliseContext): TileFields {
  const url = safeLink(p.url);
  const certInfo = cert instanceof Error ? undefined : cert;
  const items: TileItem[] | undefined = certInfo && [
    {
      title: `TLS certificate ${certInfo.subject}`,
      status: certStatus(certInfo, p, now),
      at: certInfo.validTo.toISOString(),
      detail: `issued by ${certInfo.issuer} · valid ${certInfo.validFrom.toISOString().slice(0, 10)} to ${certInfo.validTo.toISOString().slice(0, 10)}`,
    },
  ];
  const certText = certInfo ? ` · ${expiry(certInfo, now)}` : "";
  if (result instanceof UpstreamError) {
    return { status: "fail", summary: `down: ${result.message}${certText}`, url, series: previous?.series, items };
  }
  const ms = Math.round(result.elapsedMs);
  const series = appendSeries(previous?.series, { t: now.getTime(), v: ms });
  const common = {
    value: ms,
    unit: "ms",
    series,
    url,
    items,
    ...(cert instanceof Error ? { error: cert.message } : {}),
  };
  if (!p.expect.includes(result.status)) {
    return {
      ...common,
      status: "fail",
      summary: `HTTP ${result.status} (expected ${p.expect.join(" or ")}) in ${ms} ms${certText}`,
    };
  }
  if (p.contains !== undefined && !(result.body ?? "").includes(p.contains)) {
    return {
      ...common,
      status: "fail",
      summary: `HTTP ${result.status} in ${ms} ms but the body lacks ${JSON.stringify(p.contains)}${certText}`,
    };
  }
  const slow = ms > p.warnMs;
  return {
    ...common,
    // A certificate that could not be read is an unchecked expiry: not green.
    status: worstStatus([
      slow ? "warn" : "ok",
      certInfo ? certStatus(certInfo, p, now) : cert instanceof Error ? "warn" : "ok",
    ]),
    summary: `HTTP ${result.status} in ${ms} ms${slow ? ` (slower than ${p.warnMs} ms)` : ""}${certText}`,
  };
}

export default defineSource({
  kind: "http",
  family: "check",
  description:
    "GET a URL: ok on an expected status (and body text), warn when slow or the TLS certificate expires soon, fail on a wrong answer, an expired certificate or when unreachable.",
  notes: `GET a URL. An unreachable URL is exactly what this check reports, so it is
\`fail\`, not \`unknown\`.

Summary \`HTTP 200 in 84 ms · cert expires in 23 d\`; the value is the response
time (sparkline). For https URLs the collector also opens a TLS connection of
its own to read the certificate's dates — the request itself still verifies the
certificate, so an expired or self-signed one fails the check (\`down: cannot
reach …: CERT_HAS_EXPIRED · cert expired 2 d ago\`), while the certificate item
in the drill-down shows subject, issuer and validity. When the certificate
cannot be read at all, the tile warns and says why: an unchecked expiry is not
green. No credentials needed.

\`\`\`json
{ "id": "shop", "title": "shop.example.com", "kind": "http", "url": "https://shop.example.com/health",
  "expect": [200], "contains": "\\"status\\":\\"UP\\"", "warnMs": 800, "certWarnDays": 21 }
\`\`\``,
  params,
  async load(ctx, p): Promise<HttpAnswer> {
    // The certificate is read beside the request: a failed GET (say, an expired certificate) still says why.
    const cert =
      p.certWarnDays > 0 && p.url.startsWith("https:")
        ? readCertificate(p.url, { signal: ctx.signal }).catch((err: Error) => err)
        : undefined;
    let result: CheckResult | UpstreamError;
    try {
      const res = await ctx.http.text(p.url, { anyStatus: true, signal: ctx.signal });
      result = { status: res.status, elapsedMs: res.elapsedMs, body: res.body };
    } catch (err) {
      if (!(err instanceof UpstreamError) || err.code === "too-large") throw err;
      result = err;
    }
    return { result, cert: await cert };
  },
  normalise,
});

import { describe, expect, it } from "vitest";
import source, { params } from "../../../collector/sources/http.ts";
import { UpstreamError } from "../../../collector/http-client.ts";
import type { CertificateInfo } from "../../../collector/tls-expiry.ts";
import { normaliseWith } from "../../helpers/normalise.ts";
import { buildTile } from "../../helpers/builders.ts";

const now = new Date("2026-11-29T10:00:00Z");
const DAY = 86_400_000;
const P = (p: Record<string, unknown> = {}) => params.parse({ url: "https://shop.example.com/health", ...p });
const cert = (daysLeft: number): CertificateInfo => ({
  validFrom: new Date(now.getTime() - 60 * DAY),
  validTo: new Date(now.getTime() + daysLeft * DAY),
  subject: "shop.example.com",
  issuer: "R11",
});
const ok = { status: 200, elapsedMs: 42.4, body: '{"status":"UP"}' };

describe("http normalise()", () => {
  it.each([
    // days left, certWarnDays, status, summary ending
    [90, 14, "ok", "cert expires in 90 d"],
    [23.5, 14, "ok", "cert expires in 23 d"],
    [13.9, 14, "warn", "cert expires in 13 d"],
    [3, 14, "warn", "cert expires in 3 d"],
    [0.25, 14, "warn", "cert expires in 6 h"],
    [20, 30, "warn", "cert expires in 20 d"],
    [-2, 14, "fail", "cert expired 2 d ago"],
  ] as const)("a certificate with %d days left (warn under %d) is %s", (days, certWarnDays, status, text) => {
    const f = normaliseWith(source, { result: ok, cert: cert(days) }, P({ certWarnDays }), { now });
    expect(f.status).toBe(status);
    expect(f.summary).toBe(`HTTP 200 in 42 ms · ${text}`);
    expect(f.items![0]).toMatchObject({
      title: "TLS certificate shop.example.com",
      status,
      detail: expect.stringMatching(/^issued by R11 · valid 2026-09-30 to /),
    });
  });

  it("normalise() fails on a certificate not valid yet", () => {
    expect(
      normaliseWith(source, { result: ok, cert: { ...cert(90), validFrom: new Date(now.getTime() + DAY) } }, P(), {
        now,
      }).status,
    ).toBe("fail");
  });

  it("normalise() warns, saying why, when the certificate could not be read: an unchecked expiry is not green", () => {
    const f = normaliseWith(
      source,
      { result: ok, cert: new Error("TLS certificate of shop.example.com:443 not read: ECONNRESET") },
      P(),
      { now },
    );
    expect(f).toMatchObject({
      status: "warn",
      summary: "HTTP 200 in 42 ms",
      error: "TLS certificate of shop.example.com:443 not read: ECONNRESET",
    });
  });

  it("normalise() names an expired certificate when the request itself failed on it", () => {
    const f = normaliseWith(
      source,
      {
        result: new UpstreamError("cannot reach shop.example.com/health: CERT_HAS_EXPIRED", "network"),
        cert: cert(-1),
      },
      P(),
      { now },
    );
    expect(f).toMatchObject({
      status: "fail",
      summary: "down: cannot reach shop.example.com/health: CERT_HAS_EXPIRED · cert expired 1 d ago",
    });
  });

  it.each([
    [[200], 200, undefined, "ok"],
    [[200], 503, undefined, "fail"],
    [[200, 301], 301, undefined, "ok"],
    [[200], 200, '"status":"UP"', "ok"],
    [[200], 200, '"status":"DOWN"', "fail"],
  ] as const)("expect %j, status %d, contains %s → %s", (expectList, status, contains, result) => {
    expect(
      normaliseWith(source, { result: { ...ok, status } }, P({ url: "http://x/", expect: expectList, contains }), {
        now,
      }).status,
    ).toBe(result);
  });

  it("normalise() says which text the body lacks", () => {
    expect(normaliseWith(source, { result: ok }, P({ url: "http://x/", contains: "healthy" }), { now }).summary).toBe(
      'HTTP 200 in 42 ms but the body lacks "healthy"',
    );
  });

  it("normalise() warns when slow, and the worse of slowness and certificate wins", () => {
    expect(normaliseWith(source, { result: { ...ok, elapsedMs: 1500 } }, P({ url: "http://x/" }), { now }).status).toBe(
      "warn",
    );
    expect(normaliseWith(source, { result: { ...ok, elapsedMs: 1500 }, cert: cert(-1) }, P(), { now }).status).toBe(
      "fail",
    );
  });

  it("normalise() fails when unreachable, keeping the previous sparkline", () => {
    const prev = normaliseWith(source, { result: ok }, P({ url: "http://x/" }), {
      now: new Date(now.getTime() - 30_000),
    });
    const f = normaliseWith(
      source,
      { result: new UpstreamError("cannot reach x/: ECONNREFUSED", "network") },
      P({ url: "http://x/" }),
      { now, previous: buildTile(prev) },
    );
    expect(f).toMatchObject({ status: "fail", summary: "down: cannot reach x/: ECONNREFUSED", series: prev.series });
  });

  it("params default certWarnDays to 14 and reject a negative one", () => {
    expect(P().certWarnDays).toBe(14);
    expect(params.safeParse({ url: "https://x/", certWarnDays: -1 }).success).toBe(false);
  });
});

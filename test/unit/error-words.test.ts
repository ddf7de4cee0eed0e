import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { networkWords } from "../../collector/error-words.ts";
import { HttpClient, UpstreamError } from "../../collector/http-client.ts";

/** What undici's fetch throws: a TypeError whose cause carries Node's or undici's code. */
const fetchFailure = (code: string) =>
  Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("x"), { code }) });
const URL_ = "https://user:s3cret@ci.example.com:8443/api/json?token=abc";

describe("networkWords()", () => {
  it.each([
    [
      "ECONNREFUSED",
      "ci.example.com:8443 refused the connection: nothing listens on that port, or a firewall rejects it",
    ],
    ["ENOTFOUND", "the host name ci.example.com was not found (DNS): check the URL"],
    ["EAI_AGAIN", "the host name ci.example.com could not be looked up just now (DNS did not answer)"],
    ["ECONNRESET", "ci.example.com:8443 dropped the connection (connection reset)"],
    ["ETIMEDOUT", "the connection to ci.example.com:8443 timed out"],
    ["EHOSTUNREACH", "there is no network route to ci.example.com:8443"],
    ["ENETUNREACH", "there is no network route to ci.example.com:8443"],
    ["UND_ERR_SOCKET", "ci.example.com:8443 closed the connection in the middle of its answer"],
    ["UND_ERR_CONNECT_TIMEOUT", "ci.example.com:8443 did not accept the connection in time"],
    ["UND_ERR_HEADERS_TIMEOUT", "ci.example.com:8443 accepted the connection but sent no answer in time"],
    ["UND_ERR_BODY_TIMEOUT", "ci.example.com:8443 stopped sending in the middle of its answer"],
    ["UND_ERR_CLOSED", "the connection to ci.example.com:8443 failed (UND_ERR_CLOSED)"],
    ["CERT_HAS_EXPIRED", "the TLS certificate of ci.example.com:8443 has expired"],
    ["CERT_NOT_YET_VALID", "the TLS certificate of ci.example.com:8443 is not valid yet (check the clocks)"],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", "ci.example.com:8443 has a self-signed TLS certificate, which is not trusted"],
    [
      "SELF_SIGNED_CERT_IN_CHAIN",
      "the TLS certificate of ci.example.com:8443 comes from a CA that is not trusted (self-signed in the chain)",
    ],
    [
      "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
      "the TLS certificate of ci.example.com:8443 cannot be checked: its issuer is unknown (missing intermediate certificate?)",
    ],
    [
      "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
      "the TLS certificate of ci.example.com:8443 cannot be checked: its issuer is unknown (missing intermediate certificate?)",
    ],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "the TLS certificate of ci.example.com:8443 is not for the name ci.example.com"],
    ["CERT_REVOKED", "the TLS certificate of ci.example.com:8443 was rejected (CERT_REVOKED)"],
    ["EWHATEVER", "cannot reach ci.example.com:8443/api/json: EWHATEVER"],
  ])("%s becomes a sentence naming the host and no secret", (code, words) => {
    const text = networkWords(fetchFailure(code), URL_);
    expect(text).toBe(words);
    expect(text).not.toMatch(/s3cret|abc|user/);
  });

  it("finds the code deeper in the cause chain (a body read that was terminated)", () => {
    const socket = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
    const err = Object.assign(new TypeError("terminated"), { cause: socket });
    expect(networkWords(err, "http://127.0.0.1:9090/api/v1/query")).toBe(
      "127.0.0.1:9090 closed the connection in the middle of its answer",
    );
  });

  it("falls back to the error's message when there is no code", () => {
    expect(networkWords(new Error("socket hang up"), "http://127.0.0.1:9090/x")).toBe(
      "cannot reach 127.0.0.1:9090/x: socket hang up",
    );
  });
});

describe("HttpClient over real HTTP", () => {
  let close: (() => void) | undefined;
  afterEach(() => close?.());

  it("says in plain words that the upstream closed the connection in the middle of its answer", async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"status":"success","data":');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    close = () => {
      server.closeAllConnections();
      server.close();
    };
    const port = (server.address() as AddressInfo).port;
    const err = await new HttpClient({ baseUrl: `http://127.0.0.1:${port}` })
      .json("/api/v1/query")
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as UpstreamError).code).toBe("network");
    expect((err as UpstreamError).message).toBe(`127.0.0.1:${port} closed the connection in the middle of its answer`);
  });
});

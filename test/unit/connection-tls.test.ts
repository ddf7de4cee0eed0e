import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectionTls } from "../../collector/connections/lib/tls.ts";
import { connectionClient } from "../../collector/connections/lib/client.ts";

describe("connection TLS files", () => {
  it("none given: no agent at all", () => {
    expect(connectionTls({})).toBeUndefined();
    expect(connectionTls({ ca: undefined, cert: "" })).toBeUndefined();
  });

  it("an unreadable file fails each request naming the field, never the path", async () => {
    const tls = connectionTls({ ca: "/nonexistent/SECRET-PATH/ca.crt" })!;
    for (let i = 0; i < 2; i++) {
      const err = (await tls.agent().catch((e: unknown) => e)) as Error;
      expect(err.message).toBe("the connection's TLS file `ca` cannot be read (ENOENT)");
      expect(err.message).not.toContain("SECRET-PATH");
    }
  });

  it("makes one https.Agent on the first request and reuses it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "radiator-tls-"));
    writeFileSync(join(dir, "ca.pem"), "not parsed until a connection is made");
    const tls = connectionTls({ ca: join(dir, "ca.pem") })!;
    const [a, b] = await Promise.all([tls.agent(), tls.agent()]);
    expect((a as object).constructor.name).toBe("Agent");
    expect(b).toBe(a);
  });

  it("a client key's contents are redacted from the client's errors", () => {
    const dir = mkdtempSync(join(tmpdir(), "radiator-tls-"));
    writeFileSync(join(dir, "key.pem"), "-----BEGIN PRIVATE KEY-----\nTESTKEY\n-----END PRIVATE KEY-----\n");
    writeFileSync(join(dir, "cert.pem"), "not a certificate");
    expect(connectionTls({ cert: join(dir, "cert.pem"), key: join(dir, "key.pem") })!.secrets).toEqual([
      "-----BEGIN PRIVATE KEY-----\nTESTKEY\n-----END PRIVATE KEY-----\n",
    ]);
    const { http } = connectionClient("t", {
      type: "icinga2",
      url: "https://127.0.0.1:1/v1",
      key: join(dir, "key.pem"),
    } as never);
    expect(http.redact("leaked -----BEGIN PRIVATE KEY-----\nTESTKEY\n-----END PRIVATE KEY-----\n here")).not.toContain(
      "TESTKEY",
    );
  });
});

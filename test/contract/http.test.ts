// http against real local servers: a plain fake upstream, and https servers with
// certificates made by the openssl CLI (one valid 3 days, one expired in 2020).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fakeUpstream, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { pollTile } from "../helpers/poll.ts";
import { readCertificate } from "../../collector/tls-expiry.ts";

let up: FakeUpstream;
afterEach(() => up?.close());

describe("http over plain http", () => {
  it("is ok on an expected status and shows the time taken", async () => {
    up = await fakeUpstream({ "GET /health": { status: 204 } });
    const f = await pollTile("http", { url: `${up.url}/health`, expect: [200, 204] });
    expect(f).toMatchObject({ status: "ok", unit: "ms", url: `${up.url}/health` });
    expect(f.summary).toMatch(/^HTTP 204 in \d+ ms$/);
    expect(f.items).toBeUndefined();
  });

  it("fails on a status it does not expect", async () => {
    up = await fakeUpstream({ "GET /health": { status: 503, body: "down" } });
    expect((await pollTile("http", { url: `${up.url}/health` })).summary).toMatch(
      /^HTTP 503 \(expected 200\) in \d+ ms$/,
    );
  });

  it("fails when the body lacks the expected text, and is ok when it has it", async () => {
    up = await fakeUpstream({ "GET /health": { json: { status: "DOWN" } } });
    const f = await pollTile("http", { url: `${up.url}/health`, contains: '"status":"UP"' });
    expect(f.status).toBe("fail");
    expect(f.summary).toMatch(/but the body lacks "\\"status\\":\\"UP\\""/);
    up.route("GET /health", { json: { status: "UP" } });
    expect((await pollTile("http", { url: `${up.url}/health`, contains: '"status":"UP"' })).status).toBe("ok");
  });

  it("warns when the answer is slower than warnMs", async () => {
    up = await fakeUpstream({ "GET /slow": { delayMs: 120, body: "ok" } });
    const f = await pollTile("http", { url: `${up.url}/slow`, warnMs: 50 });
    expect(f.status).toBe("warn");
    expect(f.summary).toMatch(/slower than 50 ms/);
  });

  it("fails, not unknown, when nothing answers", async () => {
    up = await fakeUpstream();
    const url = `${up.url}/health`;
    await up.close();
    const f = await pollTile("http", { url });
    expect(f.status).toBe("fail");
    expect(f.summary).toMatch(/^down: 127\.0\.0\.1:\d+ refused the connection: nothing listens on that port/);
  });

  it("fails when the answer does not come within the timeout", async () => {
    up = await fakeUpstream({ "*": { hang: true } });
    const f = await pollTile("http", { url: `${up.url}/x` }, undefined, { timeoutMs: 300 });
    expect(f).toMatchObject({ status: "fail" });
    expect(f.summary).toMatch(/did not answer within 0.3 s/);
  });
});

describe("http over https: the TLS certificate", () => {
  let dir: string;
  const servers: Server[] = [];
  let valid: string, expired: string;

  async function serve(key: string, cert: string): Promise<string> {
    const s = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => res.end("ok"));
    await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
    servers.push(s);
    return `https://localhost:${(s.address() as { port: number }).port}/health`;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "radiator-tls-"));
    const ossl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
    ossl(
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "3",
      "-subj",
      "/CN=localhost",
      "-keyout",
      "valid.key",
      "-out",
      "valid.pem",
    );
    // openssl 3.0's req has no -not_after: a self-signed "CA" issues the expired one with explicit dates.
    writeFileSync(join(dir, "index.txt"), "");
    writeFileSync(join(dir, "serial"), "01\n");
    writeFileSync(
      join(dir, "ca.cnf"),
      "[ca]\ndefault_ca = d\n[d]\ndir = .\ndatabase = ./index.txt\nserial = ./serial\nnew_certs_dir = .\ndefault_md = sha256\npolicy = p\n[p]\ncommonName = supplied\n",
    );
    ossl(
      "req",
      "-new",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-subj",
      "/CN=localhost",
      "-keyout",
      "old.key",
      "-out",
      "old.csr",
    );
    ossl(
      "ca",
      "-batch",
      "-config",
      "ca.cnf",
      "-selfsign",
      "-keyfile",
      "old.key",
      "-in",
      "old.csr",
      "-out",
      "old.pem",
      "-startdate",
      "20200101000000Z",
      "-enddate",
      "20200102000000Z",
    );
    valid = await serve(join(dir, "valid.key"), join(dir, "valid.pem"));
    expired = await serve(join(dir, "old.key"), join(dir, "old.pem"));
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    rmSync(dir, { recursive: true, force: true });
  });

  it("readCertificate() reads the dates and names of a self-signed certificate", async () => {
    const c = await readCertificate(valid);
    expect(c.subject).toBe("localhost");
    expect(c.issuer).toBe("localhost");
    const daysLeft = (c.validTo.getTime() - Date.now()) / 86_400_000;
    expect(daysLeft).toBeGreaterThan(2.9);
    expect(daysLeft).toBeLessThanOrEqual(3);
  });

  it("readCertificate() reads an expired certificate too", async () => {
    expect((await readCertificate(expired)).validTo.toISOString()).toBe("2020-01-02T00:00:00.000Z");
  });

  it("readCertificate() says why when there is no TLS server", async () => {
    up = await fakeUpstream({ "*": { body: "plain" } });
    await expect(readCertificate(`https://127.0.0.1:${up.port}/`, { timeoutMs: 2000 })).rejects.toThrow(
      /TLS certificate of 127\.0\.0\.1:\d+ not read: /,
    );
  });

  it("a certificate expiring in 3 days fails the self-signed GET but shows the expiry", async () => {
    const f = await pollTile("http", { url: valid });
    expect(f.status).toBe("fail");
    expect(f.summary).toMatch(
      /^down: localhost:\d+ has a self-signed TLS certificate, which is not trusted · cert expires in 2 d$/,
    );
    expect(f.items).toEqual([
      expect.objectContaining({
        title: "TLS certificate localhost",
        status: "warn",
        detail: expect.stringMatching(/^issued by localhost · valid /),
      }),
    ]);
  });

  it("an expired certificate is named in the summary", async () => {
    const f = await pollTile("http", { url: expired });
    expect(f.status).toBe("fail");
    expect(f.summary).toMatch(/certificate of localhost:\d+ has expired|self-signed/);
    expect(f.summary).toMatch(/cert expired \d+ d( \d+ h)? ago$/);
    expect(f.items![0]!.status).toBe("fail");
  });

  it("certWarnDays 0 turns the certificate check off", async () => {
    const f = await pollTile("http", { url: valid, certWarnDays: 0 });
    expect(f.items).toBeUndefined();
    expect(f.summary).not.toMatch(/cert (expires|expired)/);
  });
});

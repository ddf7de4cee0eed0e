/** A throwaway CA and a localhost/127.0.0.1 server certificate it signed, made with openssl in `dir`. */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

export interface TestCa {
  caFile: string;
  certFile: string;
  keyFile: string;
  /** A second CA that signed nothing here, to prove verification fails. */
  wrongCaFile: string;
}

export function makeTestCa(dir: string): TestCa {
  const run = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "ignore" });
  run([
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "ca.key",
    "-out",
    "ca.crt",
    "-days",
    "30",
    "-subj",
    "/CN=Radiator Test CA",
  ]);
  run([
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "wrong.key",
    "-out",
    "wrong.crt",
    "-days",
    "30",
    "-subj",
    "/CN=Other CA",
  ]);
  run(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "node.key", "-out", "node.csr", "-subj", "/CN=localhost"]);
  writeFileSync(join(dir, "san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
  run([
    "x509",
    "-req",
    "-in",
    "node.csr",
    "-CA",
    "ca.crt",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "node.crt",
    "-days",
    "30",
    "-extfile",
    "san.ext",
  ]);
  return {
    caFile: join(dir, "ca.crt"),
    certFile: join(dir, "node.crt"),
    keyFile: join(dir, "node.key"),
    wrongCaFile: join(dir, "wrong.crt"),
  };
}

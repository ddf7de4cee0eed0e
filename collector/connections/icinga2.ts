/**
 * Icinga 2 REST API (`https://HOST:5665/v1`): an ApiUser with a password (basic
 * auth) or a client certificate, and a CA file to verify the API's TLS with —
 * there is deliberately no switch to turn verification off.
 * @see https://icinga.com/docs/icinga-2/latest/doc/12-icinga2-api/#authentication
 */
import { z } from "zod";
import { basicAuth, defineConnection } from "./define.ts";

const file = (what: string) => z.string().min(1).optional().describe(what);

export default defineConnection({
  type: "icinga2",
  description: "Icinga 2 REST API; url is the API root, e.g. https://icinga.example.com:5665/v1.",
  fields: {
    user: z.string().min(1).optional().describe("ApiUser name, for basic auth (with `password`)."),
    password: z.string().min(1).optional().describe("The ApiUser's password."),
    ca: file("Path to the PEM CA file that signed the API's certificate (Icinga's own `ca.crt`), to verify its TLS."),
    cert: file("Path to a PEM client certificate, for certificate auth instead of a password (with `key`)."),
    key: file("Path to the PEM private key of `cert`."),
    webUrl: z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
      .optional()
      .describe("Icinga Web 2 root, e.g. https://icinga.example.com/icingaweb2, to link tiles and problems to it."),
    webModule: z
      .enum(["icingadb", "monitoring"])
      .default("icingadb")
      .describe("Which Icinga Web 2 module the links use: `icingadb` (current) or the older `monitoring`."),
  },
  notes: [
    "Create a read-only ApiUser, e.g.",
    '`object ApiUser "radiator" { password = "…"; permissions = [ "objects/query/Host", "objects/query/Service",',
    '"objects/query/Comment", "status/query" ] }` (`objects/query/*` covers them all). Radiator never calls actions.',
    "For certificate auth, set `client_cn` on the ApiUser to the certificate's CN and give `cert` and `key`.",
    "`ca` is the CA that signed the API's certificate (on an Icinga node: `/var/lib/icinga2/certs/ca.crt`);",
    "TLS is always verified. The files are read when the configuration is loaded.",
  ].join("\n"),
  secretFields: ["password"],
  headers: (c): Record<string, string> =>
    c.user && c.password ? { authorization: basicAuth(c.user, c.password) } : {},
  tls: (c) => ({ ca: c.ca, cert: c.cert, key: c.key }),
});

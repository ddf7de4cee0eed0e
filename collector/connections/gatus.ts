/**
 * A Gatus server's API. Gatus has no auth unless `security.basic` (or OIDC) is
 * configured; basic auth covers the former, a bearer token a proxy in front.
 * @see https://github.com/TwiN/gatus#security
 */
import { defineConnection, proxyAuthFields, proxyAuthHeaders } from "./define.ts";

export default defineConnection({
  type: "gatus",
  description: "Gatus server; url is its root, e.g. https://gatus.example.com.",
  fields: proxyAuthFields("a Gatus (`security.basic`, or a proxy)"),
  notes: "With `security.basic` configured, give its user and password; OIDC-protected instances are not supported.",
  secretFields: ["password", "token"],
  headers: proxyAuthHeaders,
});

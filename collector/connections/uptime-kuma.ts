/**
 * An Uptime Kuma server's public status pages: no account is needed; the
 * optional auth is for one behind an authenticating proxy.
 * @see https://github.com/louislam/uptime-kuma/blob/master/server/routers/status-page-router.js
 */
import { defineConnection, proxyAuthFields, proxyAuthHeaders } from "./define.ts";

export default defineConnection({
  type: "uptime-kuma",
  description: "Uptime Kuma server; url is its root, e.g. https://status.example.com.",
  fields: proxyAuthFields("an Uptime Kuma"),
  notes: "Reads only a *published* status page's JSON; the monitors it shows are the ones that page makes public.",
  secretFields: ["password", "token"],
  headers: proxyAuthHeaders,
});

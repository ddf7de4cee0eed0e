/**
 * Prometheus HTTP API. Plain Prometheus needs no credentials; one behind a
 * reverse proxy, with `--web.config.file` basic auth, or a hosted one
 * (Grafana Cloud, Thanos/Cortex/Mimir gateways) takes basic auth or a bearer token.
 */
import { defineConnection, proxyAuthFields, proxyAuthHeaders } from "./define.ts";

export default defineConnection({
  type: "prometheus",
  description: "Prometheus HTTP API; url is the server root (with any --web.route-prefix), e.g. http://prometheus:9090.",
  defaultUrl: "http://127.0.0.1:9090",
  fields: proxyAuthFields("a Prometheus (or a hosted one)"),
  secretFields: ["password", "token"],
  headers: proxyAuthHeaders,
});

/**
 * Prometheus HTTP API. Plain Prometheus needs no credentials; one behind a
 * reverse proxy, with `--web.config.file` basic auth, or a hosted one
 * (Grafana Cloud, Thanos/Cortex/Mimir gateways) takes basic auth or a bearer token.
 */
import { defineConnection, proxyAuthFields, proxyAuthHeaders } from "./define.ts";

export default defineConnection({
  type: "prometheus",
  description:
    "Prometheus HTTP API; url is the server root (with any --web.route-prefix), e.g. http://prometheus:9090.",
  notes: `URL: the Prometheus root, with any \`--web.route-prefix\`: \`http://prometheus:9090\` (default \`http://127.0.0.1:9090\`). Thanos Query, Mimir/Cortex and VictoriaMetrics answer the same query API for \`prometheus\` tiles (\`prometheus-targets\` needs a real Prometheus).

Permissions: read only — \`GET /api/v1/query\`, \`/api/v1/query_range\`, \`/api/v1/targets\`. Plain Prometheus needs no credentials.

\`\`\`json
"prom": { "type": "prometheus", "url": "http://prometheus.lan:9090" }
\`\`\``,
  defaultUrl: "http://127.0.0.1:9090",
  fields: proxyAuthFields("a Prometheus (or a hosted one)"),
  secretFields: ["password", "token"],
  headers: proxyAuthHeaders,
});

/**
 * Prometheus HTTP API. Plain Prometheus needs no credentials; one behind a
 * reverse proxy, with `--web.config.file` basic auth, or a hosted one
 * (Grafana Cloud, Thanos/Cortex/Mimir gateways) takes basic auth or a bearer token.
 */
import { z } from "zod";
import { basicAuth, defineConnection } from "./define.ts";

export default defineConnection({
  type: "prometheus",
  description: "Prometheus HTTP API; url is the server root (with any --web.route-prefix), e.g. http://prometheus:9090.",
  defaultUrl: "http://127.0.0.1:9090",
  fields: {
    user: z.string().min(1).optional().describe("User name for HTTP basic auth (with `password`)."),
    password: z.string().min(1).optional().describe("Password for HTTP basic auth (with `user`)."),
    token: z.string().min(1).optional().describe("A bearer token, for a Prometheus behind an authenticating proxy or a hosted one; read access is enough."),
  },
  secrets: (c) => [c.password, c.token],
  headers: (c): Record<string, string> =>
    c.token ? { authorization: `Bearer ${c.token}` }
      : c.user && c.password ? { authorization: basicAuth(c.user, c.password) } : {},
});

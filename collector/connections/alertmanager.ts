/**
 * Alertmanager API v2. Alertmanager itself has no auth unless started with
 * `--web.config.file`; `webhookSecret` guards `POST /api/webhooks/alertmanager`.
 */
import { z } from "zod";
import { basicAuth, defineConnection } from "./define.ts";

export default defineConnection({
  type: "alertmanager",
  description: "Alertmanager API v2; url is the Alertmanager root (with any --web.route-prefix), e.g. http://alertmanager:9093.",
  defaultUrl: "http://127.0.0.1:9093",
  fields: {
    user: z.string().min(1).optional().describe("User name for HTTP basic auth (with `password`)."),
    password: z.string().min(1).optional().describe("Password for HTTP basic auth (with `user`)."),
    token: z.string().min(1).optional().describe("A bearer token, for an Alertmanager behind an authenticating proxy; read access is enough."),
    webhookSecret: z.string().min(1).optional()
      .describe("Shared secret that Alertmanager's webhook must send (as `Authorization: Bearer …` or `?secret=`) to nudge these tiles."),
  },
  secrets: (c) => [c.password, c.token, c.webhookSecret],
  headers: (c): Record<string, string> =>
    c.token ? { authorization: `Bearer ${c.token}` }
      : c.user && c.password ? { authorization: basicAuth(c.user, c.password) } : {},
});

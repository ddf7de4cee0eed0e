/**
 * Alertmanager API v2. Alertmanager itself has no auth unless started with
 * `--web.config.file`; `webhookSecret` guards `POST /api/webhooks/alertmanager`.
 */
import { z } from "zod";
import { defineConnection, proxyAuthFields, proxyAuthHeaders } from "./define.ts";

export default defineConnection({
  type: "alertmanager",
  description:
    "Alertmanager API v2; url is the Alertmanager root (with any --web.route-prefix), e.g. http://alertmanager:9093.",
  notes: `URL: the Alertmanager root, with any \`--web.route-prefix\`: \`http://alertmanager:9093\` (default \`http://127.0.0.1:9093\`); links to alerts point there too.

Permissions: read only (\`GET /api/v2/alerts\`).`,
  defaultUrl: "http://127.0.0.1:9093",
  fields: {
    ...proxyAuthFields("an Alertmanager"),
    webhookSecret: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Shared secret that Alertmanager's webhook must send (as `Authorization: Bearer …` or `?secret=`) to nudge these tiles.",
      ),
  },
  secretFields: ["password", "token", "webhookSecret"],
  webhookSecretField: "webhookSecret",
  headers: proxyAuthHeaders,
});

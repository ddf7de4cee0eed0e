/** Opsgenie Alert API: an API key sent as `Authorization: GenieKey …`. */
import { z } from "zod";
import { defineConnection } from "./define.ts";

export default defineConnection({
  type: "opsgenie",
  description: "Opsgenie REST API (https://api.opsgenie.com; EU instance: https://api.eu.opsgenie.com).",
  notes: `URL: default \`https://api.opsgenie.com\`; EU accounts: \`https://api.eu.opsgenie.com\`.

Key: an **API integration** key (Settings → Integrations → API) with only
**Read** access enabled (Create and Update, Delete off), or an account API key
with Read access.

\`\`\`json
"og": { "type": "opsgenie", "url": "https://api.eu.opsgenie.com", "token": "\${OPSGENIE_API_KEY}", "site": "https://acme.app.opsgenie.com" }
\`\`\``,
  defaultUrl: "https://api.opsgenie.com",
  fields: {
    token: z
      .string()
      .min(1)
      .describe("An API key from an API integration (or an account API key) with Read access; no write access needed."),
    site: z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
      .optional()
      .describe(
        "Your Opsgenie web address, e.g. https://acme.app.opsgenie.com, so alerts on the tile link to their page.",
      ),
  },
  secretFields: ["token"],
  headers: (c) => ({ authorization: `GenieKey ${c.token}` }),
});

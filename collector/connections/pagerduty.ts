/** PagerDuty REST API v2: an API key sent as `Authorization: Token token=…`. */
import { z } from "zod";
import { defineConnection } from "./define.ts";

export default defineConnection({
  type: "pagerduty",
  description: "PagerDuty REST API v2 (default https://api.pagerduty.com).",
  notes: `A **read-only General Access REST API key** (Integrations → API Access Keys) is
enough for both kinds; a User API token works too and sees what that user sees.
Radiator never writes.

\`\`\`json
"pd": { "type": "pagerduty", "token": "\${PAGERDUTY_API_KEY}" }
\`\`\``,
  defaultUrl: "https://api.pagerduty.com",
  fields: {
    token: z
      .string()
      .min(1)
      .describe(
        "A REST API key: a read-only General Access key, or a User token of someone who can see the services, teams and schedules.",
      ),
  },
  secretFields: ["token"],
  headers: (c) => ({
    authorization: `Token token=${c.token}`,
    // @see https://developer.pagerduty.com/docs/versioning — the version travels in Accept.
    accept: "application/vnd.pagerduty+json;version=2",
  }),
});

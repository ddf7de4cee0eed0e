/** GitLab.com or self-managed GitLab: a token sent as `PRIVATE-TOKEN`. */
import { z } from "zod";
import { defineConnection } from "./define.ts";

export default defineConnection({
  type: "gitlab",
  description: "GitLab REST API v4 (gitlab.com, or self-managed at https://HOST/api/v4).",
  notes: `URL: API root; default \`https://gitlab.com/api/v4\`. Self-managed: \`https://HOST/api/v4\`.

Token: a personal, group or project access token with the **\`read_api\`** scope
(read-only access to the API; \`api\` would also allow writes, which Radiator never
needs) and at least the **Reporter** role on private projects, so their pipelines
and jobs are visible.

\`\`\`json
"gl": { "type": "gitlab", "url": "https://gitlab.example.com/api/v4", "token": "\${GITLAB_TOKEN}" }
\`\`\``,
  defaultUrl: "https://gitlab.com/api/v4",
  fields: {
    token: z
      .string()
      .min(1)
      .optional()
      .describe(
        "A personal, group or project access token with the read_api scope (Reporter role for pipelines of private projects). Public projects need none.",
      ),
  },
  secretFields: ["token"],
  headers: (c): Record<string, string> => (c.token ? { "PRIVATE-TOKEN": c.token } : {}),
});

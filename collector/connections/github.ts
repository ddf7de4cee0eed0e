/** GitHub or GitHub Enterprise Server: a token sent as `Authorization: Bearer`. */
import { z } from "zod";
import { defineConnection } from "./define.ts";

export default defineConnection({
  type: "github",
  description: "GitHub REST API (github.com, or GitHub Enterprise Server at https://HOST/api/v3).",
  notes: `URL: API root; default \`https://api.github.com\`. GitHub Enterprise Server: \`https://HOST/api/v3\`.

Token: a **fine-grained** personal access token (or GitHub App token) with
read-only **Actions** and **Metadata** on the repositories — Actions to read
workflow runs and jobs, Metadata because every repository read needs it (add
**Issues** / **Pull requests** for \`github-issues\` tiles). A classic token needs
\`repo\` for private repositories and no scope for public ones. Without a token
GitHub allows 60 requests an hour per IP, which a few tiles exhaust: give one.

\`\`\`json
"gh": { "type": "github", "token": "\${GITHUB_TOKEN}" }
\`\`\``,
  defaultUrl: "https://api.github.com",
  fields: {
    token: z
      .string()
      .min(1)
      .optional()
      .describe(
        "A fine-grained token with read-only Metadata plus what the tiles read (Actions for github-actions, Issues/Pull requests for github-issues), or a classic token (repo scope for private repositories). Without one, GitHub allows 60 requests an hour.",
      ),
  },
  secretFields: ["token"],
  headers: (c) => ({
    accept: "application/vnd.github+json",
    "x-github-api-version": "2022-11-28",
    ...(c.token ? { authorization: `Bearer ${c.token}` } : {}),
  }),
});

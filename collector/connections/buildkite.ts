/** Buildkite: an API access token sent as `Authorization: Bearer`. */
import { z } from "zod";
import { defineConnection } from "./define.ts";

export default defineConnection({
  type: "buildkite",
  description: "Buildkite REST API.",
  notes: `Token scope: **\`read_builds\`** only (it lists builds and their jobs), limited to
the organizations the tiles watch.

\`\`\`json
"bk": { "type": "buildkite", "token": "\${BUILDKITE_TOKEN}" }
\`\`\``,
  defaultUrl: "https://api.buildkite.com/v2",
  fields: {
    token: z
      .string()
      .min(1)
      .describe("An API access token with the read_builds scope, for the organisations the tiles watch."),
  },
  secretFields: ["token"],
  headers: (c) => ({ authorization: `Bearer ${c.token}` }),
});

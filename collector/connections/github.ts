/** GitHub or GitHub Enterprise Server: a token sent as `Authorization: Bearer`. */
import { z } from "zod";
import { defineConnection } from "./define.ts";

export default defineConnection({
  type: "github",
  description: "GitHub REST API (github.com, or GitHub Enterprise Server at https://HOST/api/v3).",
  defaultUrl: "https://api.github.com",
  fields: {
    token: z.string().min(1).optional()
      .describe("A fine-grained token with read-only Metadata plus what the tiles read (Actions for github-actions, Issues/Pull requests for github-issues), or a classic token (repo scope for private repositories). Without one, GitHub allows 60 requests an hour."),
  },
  secretFields: ["token"],
  headers: (c) => ({
    accept: "application/vnd.github+json",
    "x-github-api-version": "2022-11-28",
    ...(c.token ? { authorization: `Bearer ${c.token}` } : {}),
  }),
});

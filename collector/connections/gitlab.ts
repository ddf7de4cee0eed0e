/** GitLab.com or self-managed GitLab: a token sent as `PRIVATE-TOKEN`. */
import { z } from "zod";
import { defineConnection } from "./define.ts";

export default defineConnection({
  type: "gitlab",
  description: "GitLab REST API v4 (gitlab.com, or self-managed at https://HOST/api/v4).",
  defaultUrl: "https://gitlab.com/api/v4",
  fields: {
    token: z.string().min(1).optional()
      .describe("A personal, group or project access token with the read_api scope (Reporter role for pipelines of private projects). Public projects need none."),
  },
  secretFields: ["token"],
  headers: (c): Record<string, string> => (c.token ? { "PRIVATE-TOKEN": c.token } : {}),
});

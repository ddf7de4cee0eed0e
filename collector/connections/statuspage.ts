/** Atlassian Statuspage public API (TRIAL, to count files): no auth. */
import { z } from "zod";
import { defineConnection } from "./define.ts";

export default defineConnection({
  type: "statuspage",
  description: "A public Statuspage page (https://PAGE.statuspage.io or its own domain), trial connection.",
  notes: `Public pages need no credentials; a private page's token goes in \`token\`, read-only.`,
  fields: {
    token: z.string().min(1).optional().describe("An access token for a private page, sent as Bearer."),
  },
  secrets: (c) => [c.token],
  headers: (c): Record<string, string> => (c.token ? { authorization: `Bearer ${c.token}` } : {}),
});

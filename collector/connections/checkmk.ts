/**
 * Checkmk REST API (`…/<site>/check_mk/api/1.0`), an automation user and its
 * secret sent as `Authorization: Bearer <user> <secret>`, as Checkmk documents.
 * @see https://docs.checkmk.com/latest/en/rest_api.html#bearerauth
 */
import { z } from "zod";
import { defineConnection } from "./define.ts";

export default defineConnection({
  type: "checkmk",
  description: "Checkmk REST API; url is the API root, e.g. https://cmk.example.com/mysite/check_mk/api/1.0.",
  fields: {
    user: z.string().min(1).describe("Automation user name, e.g. `radiator`."),
    secret: z.string().min(1).describe("That automation user's secret."),
  },
  notes: [
    'Create an automation user (Setup → Users → Add user, "Automation secret for machine accounts") with a role',
    "that may *see* the hosts and services the tiles show — a contact of their contact groups, or the built-in",
    "`guest` role for everything, which is read-only. Radiator only reads the status collections.",
  ].join("\n"),
  secretFields: ["secret"],
  headers: (c): Record<string, string> => ({ authorization: `Bearer ${c.user} ${c.secret}` }),
});

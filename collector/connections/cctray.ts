/** A cctray XML feed (Jenkins, GoCD, TeamCity, Concourse via adapters…), optionally behind basic auth. */
import { z } from "zod";
import { defineConnection, proxyAuthHeaders } from "./define.ts";

export default defineConnection({
  type: "cctray",
  description: "A cctray feed; url is the feed itself, e.g. https://ci.example.com/cc.xml.",
  fields: {
    user: z.string().min(1).optional().describe("User name for HTTP basic auth, if the feed needs it."),
    password: z.string().min(1).optional().describe("Password or token for HTTP basic auth."),
  },
  secretFields: ["password"],
  headers: proxyAuthHeaders,
});

/** A cctray XML feed (Jenkins, GoCD, TeamCity, Concourse via adapters…), optionally behind basic auth. */
import { z } from "zod";
import { defineConnection, proxyAuthHeaders } from "./define.ts";

export default defineConnection({
  type: "cctray",
  description: "A cctray feed; url is the feed itself, e.g. https://ci.example.com/cc.xml.",
  notes: `URL: the feed itself — required. GoCD: \`https://HOST/go/cctray.xml\`; Jenkins (CCtray XML plugin): \`https://HOST/cc.xml\`; TeamCity: \`https://HOST/guestAuth/app/rest/cctray/projects.xml\`.

Credentials: a read-only user of the CI server (the feed only lists what that
user can see).

\`\`\`json
"gocd": { "type": "cctray", "url": "https://gocd.example.com/go/cctray.xml", "user": "radiator", "password": "\${GOCD_PASSWORD}" }
\`\`\``,
  fields: {
    user: z.string().min(1).optional().describe("User name for HTTP basic auth, if the feed needs it."),
    password: z.string().min(1).optional().describe("Password or token for HTTP basic auth."),
  },
  secretFields: ["password"],
  headers: proxyAuthHeaders,
});

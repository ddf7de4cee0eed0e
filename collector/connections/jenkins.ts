/** Any Jenkins: a user name and API token sent as HTTP basic auth. */
import { z } from "zod";
import { basicAuth, defineConnection } from "./define.ts";

export default defineConnection({
  type: "jenkins",
  description: "Jenkins JSON API; url is the Jenkins root, e.g. https://ci.example.com/jenkins.",
  notes: `URL: the Jenkins root, e.g. \`https://jenkins.example.com\` or \`https://ci.example.com/jenkins\` — required.

Permissions: **Overall/Read** and **Job/Read** on the jobs shown — a read-only
service user is best. Use an API token, not the password: it can be revoked
on its own.

\`\`\`json
"jenkins": { "type": "jenkins", "url": "https://jenkins.example.com", "user": "radiator", "token": "\${JENKINS_TOKEN}" }
\`\`\``,
  fields: {
    user: z
      .string()
      .min(1)
      .optional()
      .describe("Jenkins user name the API token belongs to; leave out for anonymous read access."),
    token: z
      .string()
      .min(1)
      .optional()
      .describe(
        "An API token of that user (User → Security → API Token), not the password; the user needs Overall/Read and Job/Read.",
      ),
  },
  secretFields: ["token"],
  headers: (c): Record<string, string> => (c.user && c.token ? { authorization: basicAuth(c.user, c.token) } : {}),
});

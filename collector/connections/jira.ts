/**
 * Jira Cloud (email + API token, basic auth) or Jira Data Center (a personal
 * access token, bearer). `flavor` picks the search API; the URL guesses it.
 */
import { z } from "zod";
import { basicAuth, defineConnection, type ConnectionConfig } from "./define.ts";

const fields = {
  email: z
    .string()
    .min(1)
    .optional()
    .describe("Jira Cloud: the Atlassian account email the API token belongs to (sent with the token as basic auth)."),
  token: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Jira Cloud: an API token (with `email`). Data Center: a personal access token (alone, sent as Bearer). Left out: anonymous access.",
    ),
  flavor: z
    .enum(["cloud", "datacenter"])
    .optional()
    .describe("Which search API to use; default `cloud` when the url ends in atlassian.net, else `datacenter`."),
};

/** Cloud and Data Center differ in search endpoint, pagination and count. */
export function jiraFlavor(conn: ConnectionConfig | undefined, baseUrl: string | undefined): "cloud" | "datacenter" {
  const flavor = (conn as ConnectionConfig<typeof fields> | undefined)?.flavor;
  if (flavor) return flavor;
  try {
    return /(^|\.)atlassian\.net$/i.test(new URL(baseUrl ?? "").hostname) ? "cloud" : "datacenter";
  } catch {
    return "datacenter";
  }
}

export default defineConnection({
  type: "jira",
  description:
    "Jira Cloud (https://SITE.atlassian.net) or Jira Data Center (https://HOST[/context]); the site root, not the API path.",
  notes: `URL: the site root: \`https://SITE.atlassian.net\` (Cloud) or \`https://jira.example.com[/context]\` (Data Center) — required.

Permissions: the account only needs **Browse projects** on the projects the JQL
touches; an API token has the rights of its account, so use a read-only service
account. (OAuth apps: scope \`read:jira-work\`.) Without credentials only issues
visible to anonymous users are counted.

\`\`\`json
"jira": { "type": "jira", "url": "https://acme.atlassian.net", "email": "\${JIRA_EMAIL}", "token": "\${JIRA_API_TOKEN}" }
\`\`\``,
  fields,
  secretFields: ["token"],
  headers: (c): Record<string, string> => {
    if (c.token && c.email) return { authorization: basicAuth(c.email, c.token) };
    if (c.token) return { authorization: `Bearer ${c.token}` };
    return {};
  },
});

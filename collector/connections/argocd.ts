/**
 * Argo CD's API server: an account token sent as `Authorization: Bearer`, and
 * an optional CA file for servers with their own certificate authority (TLS is
 * always verified; there is no switch to turn that off).
 * @see https://argo-cd.readthedocs.io/en/stable/developer-guide/api-docs/
 */
import { z } from "zod";
import { defineConnection } from "./define.ts";

export default defineConnection({
  type: "argocd",
  description: "Argo CD API server; url is its root, e.g. https://argocd.example.com (the API is under /api/v1).",
  notes: `URL: the Argo CD server's root (what the UI is served at); Radiator reads \`/api/v1/applications/…\`.

Token: an API key of a local account with the \`apiKey\` capability
(\`accounts.radiator: apiKey\` in \`argocd-cm\`, then \`argocd account generate-token --account radiator\`) and a
read-only RBAC role in \`argocd-rbac-cm\`, e.g. \`p, role:radiator, applications, get, */*, allow\` and
\`g, radiator, role:radiator\`. Radiator never syncs or changes anything.

\`ca\`: the PEM file of the CA that signed the server's certificate, when it is not a public one.

\`\`\`json
"argo": { "type": "argocd", "url": "https://argocd.example.com", "token": "\${ARGOCD_TOKEN}", "ca": "/etc/radiator/argocd-ca.pem" }
\`\`\``,
  fields: {
    token: z
      .string()
      .min(1)
      .describe("An API token of an account with read-only `applications, get` rights (never sync)."),
    ca: z
      .string()
      .min(1)
      .optional()
      .describe("Path to the PEM CA file that signed the server's certificate, to verify its TLS."),
  },
  secretFields: ["token"],
  headers: (c): Record<string, string> => ({ authorization: `Bearer ${c.token}` }),
  tls: (c) => ({ ca: c.ca }),
});

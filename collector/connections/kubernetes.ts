/**
 * A Kubernetes API server: a service account's bearer token and the cluster's
 * CA file (TLS is always verified; there is no switch to turn that off).
 * @see https://kubernetes.io/docs/reference/access-authn-authz/authentication/#service-account-tokens
 */
import { z } from "zod";
import { defineConnection } from "./define.ts";

export default defineConnection({
  type: "kubernetes",
  description: "Kubernetes API server; url is its root, e.g. https://k8s.example.com:6443.",
  notes: `URL: the API server (\`kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}'\`).

Token: a service account's token with read-only access to Deployments, e.g. a Role (or ClusterRole) with
\`apiGroups: ["apps"], resources: ["deployments"], verbs: ["get"]\` bound to a \`radiator\` service account,
and \`kubectl create token radiator --duration=8760h\` (or a \`kubernetes.io/service-account-token\` Secret).

\`ca\`: the cluster's CA certificate as a PEM file (in a pod: \`/var/run/secrets/kubernetes.io/serviceaccount/ca.crt\`;
else \`certificate-authority-data\` from the kubeconfig, base64-decoded).

\`\`\`json
"k8s": { "type": "kubernetes", "url": "https://k8s.example.com:6443", "token": "\${K8S_TOKEN}", "ca": "/etc/radiator/k8s-ca.pem" }
\`\`\``,
  fields: {
    token: z.string().min(1).describe("A service account token that may `get` Deployments in the namespaces named."),
    ca: z.string().min(1).optional().describe("Path to the cluster's PEM CA file, to verify the API server's TLS."),
  },
  secretFields: ["token"],
  headers: (c): Record<string, string> => ({ authorization: `Bearer ${c.token}` }),
  tls: (c) => ({ ca: c.ca }),
});

/**
 * Grafana's HTTP API with a service-account token (`Authorization: Bearer`).
 * @see https://grafana.com/docs/grafana/latest/administration/service-accounts/
 */
import { z } from "zod";
import { defineConnection } from "./define.ts";

export default defineConnection({
  type: "grafana",
  description: "Grafana HTTP API; url is the Grafana root, e.g. https://grafana.example.com.",
  fields: {
    token: z
      .string()
      .min(1)
      .describe("A service-account token (Administration → Service accounts), sent as `Authorization: Bearer`."),
  },
  notes: [
    "A service account with the **Viewer** role is enough: reading Grafana-managed alerts needs the",
    "`alert.instances:read` permission, which Viewer has. Radiator never silences or changes alerts.",
  ].join("\n"),
  secretFields: ["token"],
  headers: (c): Record<string, string> => ({ authorization: `Bearer ${c.token}` }),
});

/**
 * Zabbix JSON-RPC API (`/api_jsonrpc.php`) with an API token in
 * `Authorization: Bearer`, as Zabbix 6.4+ and 7.0 document it.
 * @see https://www.zabbix.com/documentation/7.0/en/manual/api#authentication
 */
import { z } from "zod";
import { defineConnection } from "./define.ts";

export default defineConnection({
  type: "zabbix",
  description:
    "Zabbix API; url is the frontend root (the folder with api_jsonrpc.php), e.g. https://zabbix.example.com/zabbix.",
  fields: {
    token: z
      .string()
      .min(1)
      .describe("A Zabbix API token (User settings → API tokens), sent as `Authorization: Bearer`."),
  },
  notes: [
    "Create an API token for a user whose role allows `problem.get`, `trigger.get` and `hostgroup.get` (any user type",
    "may call them) and who has **read** permission on the host groups the tiles show — Zabbix only returns problems",
    "of hosts the user may read. Zabbix 6.4 or later (the Bearer header); older versions are not supported.",
  ].join("\n"),
  secretFields: ["token"],
  headers: (c): Record<string, string> => ({ authorization: `Bearer ${c.token}` }),
});

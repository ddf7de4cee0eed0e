/** Builds the HTTP client a connection's tiles share, so rate limits and ETags are per connection. */
import { HttpClient, type HttpClientOptions } from "../../http-client.ts";
import { connectionDefinition } from "../index.ts";
import { baseUrl, secretValues, type ConnectionConfig } from "../define.ts";
import { connectionTls } from "./tls.ts";

export { connectionDefinition } from "../index.ts";

export interface ConnectionClient {
  http: HttpClient;
  baseUrl: string;
  config: ConnectionConfig;
}

export function connectionClient(
  name: string,
  conn: ConnectionConfig,
  extra: HttpClientOptions = {},
): ConnectionClient {
  const def = connectionDefinition(conn.type);
  if (!def) throw new Error(`unknown connection type "${conn.type}"`);
  const url = baseUrl(def, conn);
  const tls = def.tls ? connectionTls(def.tls(conn)) : undefined;
  const http = new HttpClient({
    baseUrl: url,
    headers: def.headers(conn),
    secrets: [...secretValues(def, conn), ...(tls?.secrets ?? [])],
    name,
    ...(tls ? { agent: tls.agent } : {}),
    ...extra,
  });
  return { http, baseUrl: url, config: conn };
}

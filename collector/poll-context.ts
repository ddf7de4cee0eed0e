/** The one place a PollContext is made: the scheduler and the test helpers poll through the same shape. */
import type { PollContext } from "./sources/define.ts";
import type { HttpClient } from "./http-client.ts";
import type { ConnectionConfig } from "./connections/define.ts";

/** A connection's shared client, or a bare one for kinds without a connection. */
export interface PollClient {
  http: HttpClient;
  baseUrl?: string;
  config?: ConnectionConfig;
}

export function pollContext(client: PollClient, poll: Omit<PollContext, keyof PollClient | "connection">): PollContext {
  return { http: client.http, baseUrl: client.baseUrl, connection: client.config, ...poll };
}

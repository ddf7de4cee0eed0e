/**
 * A connection type: how to reach one upstream service and authenticate to it.
 * This is the only place a secret is read and turned into a header.
 *
 * @example
 * export default defineConnection({
 *   type: "gitlab",
 *   defaultUrl: "https://gitlab.com/api/v4",
 *   fields: { token: z.string().optional() },
 *   secretFields: ["token"],
 *   headers: (c) => (c.token ? { "PRIVATE-TOKEN": c.token } : {}),
 * });
 */
import { z } from "zod";

export interface ConnectionDefinition<F extends z.ZodRawShape = z.ZodRawShape> {
  type: string;
  /** One line for the JSON Schema and the README. */
  description: string;
  /** The cloud API root used when the config leaves `url` out; none means `url` is required. */
  defaultUrl?: string;
  /** Fields besides `type` and `url`. */
  fields: F;
  /**
   * Prose only a person can write, for the generated kinds reference (docs/kinds.md):
   * which token or permissions to create, read-only scopes. Markdown.
   */
  notes?: string;
  /**
   * Which of `fields` hold credentials. Their values (and the headers made of them) are redacted
   * from every text the collector emits; the auth schemes they travel in are learnt from `headers`.
   */
  secretFields: readonly string[];
  /** The field holding the shared secret a `POST /api/webhooks/…` for this connection's tiles must carry. */
  webhookSecretField?: string;
  /**
   * Every header this type adds to its requests. All of them, not only the credentials, are
   * dropped on a redirect to another origin.
   */
  headers(conn: ConnectionConfig<F>): Record<string, string>;
  /** Paths of PEM files for this connection's TLS: a CA to verify the server with, a client certificate and key. */
  tls?(conn: ConnectionConfig<F>): { ca?: string; cert?: string; key?: string };
}

export type ConnectionConfig<F extends z.ZodRawShape = z.ZodRawShape> = z.infer<z.ZodObject<F>> & {
  type: string;
  url?: string;
};

/** Field names are checked here rather than in the interface, so the registry stays assignable to the element type. */
type FieldNames<F> = { secretFields: readonly (keyof F & string)[]; webhookSecretField?: keyof F & string };

export function defineConnection<F extends z.ZodRawShape>(
  def: ConnectionDefinition<F> & FieldNames<F>,
): ConnectionDefinition<F> {
  return def;
}

/** The zod object for one connection type, as it appears under `connections` in the config. */
export function connectionSchema(def: ConnectionDefinition) {
  const url = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });
  return z
    .object({
      type: z.literal(def.type),
      url: def.defaultUrl ? url.optional().describe(`API root; default ${def.defaultUrl}`) : url.describe("API root"),
      ...def.fields,
    })
    .strict()
    .describe(def.description);
}

export function baseUrl(def: ConnectionDefinition, conn: ConnectionConfig): string {
  return (conn.url ?? def.defaultUrl ?? "").replace(/\/+$/, "");
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}

/**
 * The optional auth of a server that has none of its own but may sit behind a
 * proxy (Prometheus, Alertmanager, a cctray feed): a bearer token, else basic auth.
 */
export function proxyAuthFields(server: string) {
  return {
    user: z.string().min(1).optional().describe("User name for HTTP basic auth (with `password`)."),
    password: z.string().min(1).optional().describe("Password for HTTP basic auth (with `user`)."),
    token: z
      .string()
      .min(1)
      .optional()
      .describe(`A bearer token, for ${server} behind an authenticating proxy; read access is enough.`),
  };
}

export function proxyAuthHeaders(c: { user?: string; password?: string; token?: string }): Record<string, string> {
  if (c.token) return { authorization: `Bearer ${c.token}` };
  return c.user && c.password ? { authorization: basicAuth(c.user, c.password) } : {};
}

/** The values of a connection's secret fields. */
function secretsOf(def: ConnectionDefinition, conn: ConnectionConfig): string[] {
  const record = conn as Record<string, unknown>;
  return def.secretFields.map((k) => record[k]).filter((s): s is string => typeof s === "string" && s.length > 0);
}

/** Secrets plus the encodings they travel in, so a header echoed in an error is redacted too. */
export function secretValues(def: ConnectionDefinition, conn: ConnectionConfig): string[] {
  const values = secretsOf(def, conn);
  const headerValues = Object.values(def.headers(conn)).flatMap((h) => [h, h.replace(/^\w+\s+/, "")]);
  return [...values, ...headerValues.filter((h) => values.some((v) => h.includes(v)) || /^Basic /.test(h))];
}

/** The shared webhook secret of a connection, if its type receives webhooks and it sets one. */
export function webhookSecret(def: ConnectionDefinition, conn: ConnectionConfig): string | undefined {
  const value = def.webhookSecretField ? (conn as Record<string, unknown>)[def.webhookSecretField] : undefined;
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/**
 * A connection of this type with every field that takes a string filled in, the
 * secret ones with `marker`: what `headers()` makes of credentials, asked of the
 * definition itself rather than kept in a list beside it.
 */
export function sampleConnection(def: ConnectionDefinition, marker: string): ConnectionConfig {
  const conn: Record<string, unknown> = { type: def.type, url: def.defaultUrl ?? "https://sample.invalid" };
  for (const [key, field] of Object.entries(def.fields)) {
    const value = def.secretFields.includes(key) ? marker : "sample";
    if (z.safeParse(field, value).success) conn[key] = value;
  }
  return conn as ConnectionConfig;
}

/**
 * The auth schemes these types send credentials in (`Bearer`, `Token`, `GenieKey`…):
 * the first word of every header value that changes with the secret.
 */
export function authSchemes(defs: readonly ConnectionDefinition[]): string[] {
  const schemes = new Set<string>();
  for (const def of defs) {
    const [a, b] = ["SampleSecretOneX7", "SampleSecretTwoY8"].map((m) => def.headers(sampleConnection(def, m)));
    for (const [name, value] of Object.entries(a!)) {
      const scheme = /^([A-Za-z][\w-]*)\s+\S/.exec(value)?.[1];
      if (scheme && value !== b![name]) schemes.add(scheme);
    }
  }
  return [...schemes];
}

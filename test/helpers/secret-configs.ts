/**
 * Configs that put secrets everywhere a connection takes one: the smallest
 * params each kind accepts, and connections with every field that accepts a
 * value filled through a `${VAR}`.
 */
import type { z } from "zod";
import {
  connectionSchema,
  secretValues,
  type ConnectionConfig,
  type ConnectionDefinition,
} from "../../collector/connections/define.ts";

/** The smallest params a kind accepts: each required key gets the first candidate value that validates. */
export function minimalParams(schema: z.ZodObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const candidatesFor = (field: z.ZodType) => {
    const enumOptions = (field as unknown as { options?: unknown[] }).options ?? [];
    return ["acme/api", "x", 1, ["x"], true, ...enumOptions, "http://127.0.0.1:9/"].filter(
      (c) => field.safeParse(c).success,
    );
  };
  const shape = schema.shape as Record<string, z.ZodType>;
  for (const [key, field] of Object.entries(shape)) {
    if (!field.safeParse(undefined).success) out[key] = candidatesFor(field)[0];
  }
  // A kind's own cross-field rule (e.g. "schedule or escalationPolicy") may need one optional key too.
  for (const [key, field] of Object.entries(shape)) {
    if (schema.safeParse(out).success) break;
    if (key in out) continue;
    const value = candidatesFor(field)[0];
    if (value !== undefined && schema.safeParse({ ...out, [key]: value }).success) out[key] = value;
  }
  return out;
}

/**
 * A connection with every string field that accepts `valueFor(key)` set through an env variable.
 * Returns the config (with `${VAR}`s), the env, and what the definition says is secret once resolved.
 */
export function connectionWithSecrets(
  def: ConnectionDefinition,
  url: string,
  valueFor: (key: string) => string,
  prefix: string,
): { config: Record<string, unknown>; env: Record<string, string>; secrets: string[] } {
  const config: Record<string, unknown> = { type: def.type, url };
  const env: Record<string, string> = {};
  for (const [key, field] of Object.entries(def.fields as Record<string, z.ZodType>)) {
    const value = valueFor(key);
    if (!field.safeParse(value).success) continue;
    const name = `${prefix}_${def.type.replace(/\W/g, "_").toUpperCase()}_${key.toUpperCase()}`;
    env[name] = value;
    config[key] = `\${${name}}`;
  }
  const resolved = connectionSchema(def).parse(
    Object.fromEntries(
      Object.entries(config).map(([k, v]) => [
        k,
        typeof v === "string" && v.startsWith("${") ? env[v.slice(2, -1)] : v,
      ]),
    ),
  ) as ConnectionConfig;
  return { config, env, secrets: secretValues(def, resolved) };
}

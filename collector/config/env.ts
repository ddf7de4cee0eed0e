/**
 * `${VAR}` (and `${VAR:-default}`) in any config string is replaced from the
 * environment before validation. A missing variable is an error that names
 * the variable and the JSON path — never the value of anything.
 */
import { jsonPath, type ConfigIssue } from "./errors.ts";

const REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** Variables whose names say they hold a secret: their values are redacted everywhere. */
export const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|PASS\b|_PASS|API_?KEY|PRIVATE|CREDENTIAL|AUTH/i;

export function substituteEnv(
  input: unknown,
  env: Record<string, string | undefined>,
  issues: ConfigIssue[],
  path: PropertyKey[] = [],
  secrets: string[] = [],
): unknown {
  if (typeof input === "string") {
    return input.replace(REF, (_, name: string, fallback: string | undefined) => {
      const value = env[name];
      if (value !== undefined && value !== "") {
        if (SECRET_NAME.test(name)) secrets.push(value);
        return value;
      }
      if (fallback !== undefined) return fallback;
      issues.push({ path: jsonPath(path), message: `environment variable ${name} is not set` });
      return "";
    });
  }
  if (Array.isArray(input)) return input.map((v, i) => substituteEnv(v, env, issues, [...path, i], secrets));
  if (input !== null && typeof input === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) out[k] = substituteEnv(v, env, issues, [...path, k], secrets);
    return out;
  }
  return input;
}

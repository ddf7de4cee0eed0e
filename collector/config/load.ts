/** Read, substitute, validate: a config file becomes a Config or a list of every problem in it. */
import { readFile } from "node:fs/promises";
import { parse, printParseErrorCode, type ParseError, type ParseErrorCode } from "jsonc-parser";
import { configSchema, crossCheck, kindCheck, type Config } from "./schema.ts";
import { substituteEnv } from "./env.ts";
import { connectionDefinition } from "../connections/lib/client.ts";
import { secretValues, type ConnectionConfig } from "../connections/define.ts";
import { sourceDefinition } from "../sources/index.ts";
import { redisSecrets } from "../cluster/options.ts";
import { ConfigError, fromZod, type ConfigIssue } from "./errors.ts";

/** A valid config and the secret values it holds (connection secrets, `${…TOKEN}` variables), to redact everywhere. */
export interface LoadedConfig {
  config: Config;
  secrets: string[];
}

export async function loadConfig(
  file: string,
  env: Record<string, string | undefined> = process.env,
): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(file, [
      { path: "", message: code === "ENOENT" ? "file not found" : `cannot read: ${code ?? String(err)}` },
    ]);
  }
  return parseConfig(text, file, env);
}

export function parseConfig(
  text: string,
  file: string,
  env: Record<string, string | undefined> = process.env,
): LoadedConfig {
  const syntax: ParseError[] = [];
  // JSONC: comments and trailing commas are allowed, so people can annotate their boards.
  const raw: unknown = parse(text, syntax, { allowTrailingComma: true, disallowComments: false });
  if (syntax.length > 0) {
    throw new ConfigError(
      file,
      syntax.map((e) => ({
        path: "",
        message: `invalid JSON at ${lineColumn(text, e.offset)}: ${describeSyntax(e.error)}`,
      })),
    );
  }
  const issues: ConfigIssue[] = [];
  const secrets: string[] = [];
  const substituted = substituteEnv(raw, env, issues, [], secrets);
  const envPaths = new Set(issues.map((i) => i.path));
  const result = configSchema.safeParse(substituted);
  if (!result.success) issues.push(...fromZod(result.error, substituted).filter((i) => !envPaths.has(i.path)));
  issues.push(...crossCheck(substituted).filter((i) => !issues.some((j) => j.path === i.path)));
  if (result.success) issues.push(...kindCheck(result.data));
  if (issues.length > 0 || !result.success) throw new ConfigError(file, issues);
  const tokens = [
    result.data.viewToken,
    env.RADIATOR_VIEW_TOKEN,
    result.data.writeToken,
    env.RADIATOR_WRITE_TOKEN,
    ...redisSecrets(result.data.cluster?.redis ?? ""),
  ].filter((t): t is string => !!t);
  return {
    config: result.data,
    secrets: [...secrets, ...connectionSecrets(result.data), ...paramSecrets(result.data), ...tokens],
  };
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return `line ${before.split("\n").length}, column ${offset - before.lastIndexOf("\n")}`;
}

function describeSyntax(code: ParseErrorCode): string {
  const text = printParseErrorCode(code);
  return text.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** Tile params a kind marks secret (a push kind's token). */
function paramSecrets(config: Config): string[] {
  return config.boards.flatMap((b) =>
    b.tiles.flatMap((t) =>
      (sourceDefinition(t.kind)?.secretParams ?? [])
        .map((k) => (t as Record<string, unknown>)[k])
        .filter((v): v is string => typeof v === "string" && v.length > 0),
    ),
  );
}

/** Every connection's secret values, so they are redacted from any text, not only that connection's errors. */
function connectionSecrets(config: Config): string[] {
  return Object.values(config.connections).flatMap((c) => {
    const def = connectionDefinition(c.type);
    return def ? secretValues(def, c as ConnectionConfig) : [];
  });
}

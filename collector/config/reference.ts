/**
 * The kinds reference (docs/kinds.md), generated from the two registries the
 * way config/schema.json is: keys, types, defaults and descriptions come from
 * the zod schemas; only each definition's `notes` are written by a person.
 * `radiator docs` prints it; `npm run generate` writes it; a test checks it.
 */
import { z } from "zod";
import { sources } from "../sources/index.ts";
import { connections } from "../connections/index.ts";
import { connectionSchema, type ConnectionConfig, type ConnectionDefinition } from "../connections/define.ts";
import type { SourceDefinition } from "../sources/define.ts";

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  format?: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
};

/** Table cells stay on one line and never close the cell early. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");
}

function code(value: unknown): string {
  return `\`${typeof value === "string" ? value : JSON.stringify(value)}\``;
}

/** The largest safe integer is zod's way of saying "no upper bound". */
const bound = (n: number | undefined) => (n !== undefined && Math.abs(n) < Number.MAX_SAFE_INTEGER ? n : undefined);

function typeText(s: JsonSchema): string {
  if (s.const !== undefined) return code(s.const);
  if (s.enum) return s.enum.map(code).join(" \\| ");
  if (s.anyOf) return s.anyOf.map(typeText).join(" or ");
  // JSON Schema's `type` (string, array…), not a Radiator kind: named jsonType so the kind guard reads it right.
  const jsonType = Array.isArray(s.type) ? s.type.join(" or ") : (s.type ?? "any");
  if (jsonType === "array") return `array of ${s.items ? typeText(s.items) : "any"}`;
  if (s.format === "uri") return "URL";
  const [min, max] = [bound(s.minimum), bound(s.maximum)];
  if ((jsonType === "integer" || jsonType === "number") && (min !== undefined || max !== undefined)) {
    return `${jsonType} (${min ?? "…"}–${max ?? "…"})`;
  }
  return jsonType;
}

function objectSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
}

/** Which of a connection's fields are secrets: the definition says so itself. */
function secretKeys(def: ConnectionDefinition): Set<string> {
  return new Set(def.secretFields);
}

function notes(text: string | undefined): string[] {
  return text ? [text.trim(), ""] : [];
}

function connectionSection(def: ConnectionDefinition): string[] {
  const schema = objectSchema(connectionSchema(def));
  const secret = secretKeys(def);
  const required = new Set(schema.required ?? []);
  const rows = Object.entries(schema.properties ?? {}).map(([key, s]) => {
    const fallback =
      key === "url" && def.defaultUrl
        ? code(def.defaultUrl)
        : s.default !== undefined
          ? code(s.default)
          : required.has(key)
            ? "required"
            : "—";
    const about =
      key === "type" ? "The connection type." : key === "url" && def.defaultUrl ? "API root." : (s.description ?? "");
    return `| \`${key}\` | ${typeText(s)} | ${fallback} | ${secret.has(key) ? "yes" : "no"} | ${cell(about)} |`;
  });
  return [
    `### Connection \`${def.type}\``,
    "",
    def.description,
    "",
    "| key | type | default | secret | description |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    "",
    ...notes(def.notes),
  ];
}

function kindSection(def: SourceDefinition): string[] {
  const schema = objectSchema(def.params);
  const required = new Set(schema.required ?? []);
  const rows = Object.entries(schema.properties ?? {}).map(([key, s]) => {
    const fallback = s.default !== undefined ? code(s.default) : required.has(key) ? "required" : "—";
    return `| \`${key}\` | ${typeText(s)} | ${fallback} | ${cell(s.description ?? "")} |`;
  });
  const facts = [
    `family \`${def.family}\``,
    def.connection ? `connection [\`${def.connection}\`](#connection-${def.connection})` : "no connection",
    ...(def.every ? [`polled every \`${def.every}\` unless the tile says otherwise`] : []),
    ...(def.webhook ? [`webhook \`POST /api/webhooks/${def.webhook.name}\``] : []),
  ];
  return [
    `### \`${def.kind}\``,
    "",
    `${def.description}`,
    "",
    `${facts.join(" · ")}.`,
    "",
    ...(rows.length
      ? ["| parameter | type | default | description |", "| --- | --- | --- | --- |", ...rows, ""]
      : ["No parameters besides the common ones.", ""]),
    ...notes(def.notes),
  ];
}

export function kindsReference(): string {
  const kinds = Object.values(sources as Record<string, SourceDefinition>).sort((a, b) => a.kind.localeCompare(b.kind));
  const types = Object.values(connections as Record<string, ConnectionDefinition>).sort((a, b) =>
    a.type.localeCompare(b.type),
  );
  const lines = [
    "# Kinds reference",
    "",
    "<!-- Generated by `npm run generate` from collector/sources/ and collector/connections/; do not edit by hand.",
    "     The prose comes from each definition's `notes`, the tables from its zod schema. -->",
    "",
    "Every tile takes the common keys `id`, `title`, `kind`, `every`, `staleAfter` and `timeout` (see the README);",
    "a tile of a kind with a connection also takes `connection` (the name of a connection under `connections`) and",
    "`url` (another API root for this tile only). The parameters below come on top.",
    "",
    "## Kinds",
    "",
    "| kind | family | connection | what it shows |",
    "| --- | --- | --- | --- |",
    ...kinds.map(
      (k) =>
        `| [\`${k.kind}\`](#${k.kind}) | ${k.family} | ${k.connection ? `[\`${k.connection}\`](#connection-${k.connection})` : "—"} | ${cell(k.description)} |`,
    ),
    "",
    ...kinds.flatMap(kindSection),
    "## Connection types",
    "",
    ...types.flatMap(connectionSection),
  ];
  return `${lines.join("\n").replace(/\n+$/, "")}\n`;
}

import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { jsonSchema } from "../../../collector/config/schema.ts";
import { kindsReference } from "../../../collector/config/reference.ts";
import { loadConfig } from "../../../collector/config/load.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

describe("config/schema.json", () => {
  it("is exactly what `radiator schema` prints (run `npm run generate` after changing a kind)", () => {
    const committed = JSON.parse(readFileSync(`${ROOT}config/schema.json`, "utf8")) as unknown;
    expect(committed).toEqual(jsonSchema());
  });

  it("offers every kind for editor completion", () => {
    const text = JSON.stringify(jsonSchema());
    for (const kind of ["demo", "host", "http"]) expect(text).toContain(`"const":"${kind}"`);
  });
});

describe("docs/kinds.md", () => {
  it("is exactly what `radiator docs` prints (run `npm run generate` after changing a kind or connection)", () => {
    expect(readFileSync(`${ROOT}docs/kinds.md`, "utf8")).toBe(kindsReference());
  });
});

describe("shipped configs", () => {
  const files = [
    "config/demo.json",
    ...readdirSync(`${ROOT}config/examples`)
      .filter((f) => f.endsWith(".json"))
      .map((f) => `config/examples/${f}`),
  ];
  it.each(files)("%s is valid (with placeholder secrets)", async (file) => {
    const env = new Proxy({} as Record<string, string>, {
      get: (_t, name) => (typeof name === "string" && /URL$/.test(name) ? "http://127.0.0.1:9" : "placeholder"),
    });
    const { config } = await loadConfig(`${ROOT}${file}`, env);
    expect(config.boards.length).toBeGreaterThan(0);
  });
});

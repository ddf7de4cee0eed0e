import { describe, expect, it } from "vitest";
import { createRedactor, redact, safeLink } from "../../collector/redact.ts";
import { authSchemes } from "../../collector/connections/define.ts";
import { connections } from "../../collector/connections/index.ts";

describe("redaction", () => {
  it("learns the auth schemes from the connection types' own headers()", () => {
    expect(authSchemes(Object.values(connections)).sort()).toEqual(["Basic", "Bearer", "GenieKey", "Token"]);
  });

  it("redacts a collector's known secrets and credential shapes from error texts", () => {
    const r = createRedactor({ secrets: ["s3cr3t-value"], schemes: ["GenieKey"] });
    expect(r.redact("GET /x?token=abc failed: s3cr3t-value, GenieKey abcdef123456, Bearer abcdef123456")).toBe(
      "GET /x?token=*** failed: ***, GenieKey ***, Bearer ***",
    );
    // the pure function knows only the HTTP standard schemes and the secrets it is given
    expect(redact("GenieKey abcdef123456 s3cr3t-value")).toBe("GenieKey abcdef123456 s3cr3t-value");
  });

  it("scrubs known secrets only from tile fields: upstream words that look like schemes stay", () => {
    const r = createRedactor({ secrets: ["s3cr3t-value"] });
    expect(
      r.scrub({
        summary: "Token refresh fails",
        link: "https://x.test/s3cr3t-value",
        items: [{ title: "Basic support s3cr3t-value" }],
      }),
    ).toEqual({ summary: "Token refresh fails", link: "https://x.test/***", items: [{ title: "Basic support ***" }] });
  });

  it("finds secrets with quotes, backslashes or newlines deep in a value; a value without one is not copied", () => {
    const odd = ['pa"ss\\word', "line\nbreak-secret"];
    const r = createRedactor({ secrets: odd });
    const clean = { summary: "all good", items: [{ title: "nothing here" }] };
    expect(r.scrub(clean)).toBe(clean);
    expect(r.scrub({ items: [{ title: `a ${odd[0]} b` }, { note: [`x ${odd[1]}`] }] })).toEqual({
      items: [{ title: "a *** b" }, { note: ["x ***"] }],
    });
  });

  it("replaces the secrets on a reload, and knows only its own", () => {
    const a = createRedactor({ secrets: ["alpha-secret"] });
    const b = createRedactor({ secrets: ["bravo-secret"] });
    expect([a.knows("alpha-secret"), b.knows("alpha-secret")]).toEqual([true, false]);
    a.setSecrets(["rotated-secret"]);
    expect(a.redact("alpha-secret rotated-secret")).toBe("alpha-secret ***");
  });

  it("safeLink keeps http(s) links without credentials", () => {
    expect(safeLink("https://u:p@x.test/a?token=abc")).toBe("https://x.test/a?token=***");
    expect(safeLink("javascript:alert(1)")).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { params, toTileFields } from "../../../collector/sources/gatus.ts";
import { fixture } from "../../helpers/fake-upstream.ts";

const now = new Date("2026-12-01T09:00:00Z");

describe("gatus", () => {
  it("the latest result decides, not an older failure", () => {
    const [shop] = fixture("gatus/statuses.json");
    const healed = { ...shop, results: [...shop.results].reverse() };
    expect(toTileFields({ endpoints: [healed], root: "https://g" }, params.parse({}), now)).toMatchObject({
      status: "ok",
      summary: "1 of 1 healthy",
    });
  });

  it("a group with no endpoints is unknown, named", () => {
    expect(
      toTileFields(
        { endpoints: fixture("gatus/statuses.json"), root: "https://g" },
        params.parse({ group: "db" }),
        now,
      ),
    ).toMatchObject({
      status: "unknown",
      summary: "no endpoints in group db",
      error: 'Gatus has no endpoints in group "db"',
    });
  });
});

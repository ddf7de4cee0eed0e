import { describe, expect, it } from "vitest";
import { arrange } from "../../../web/src/lib/attention.ts";
import { buildTile } from "../../helpers/builders.ts";

const t = (id: string, status: "ok" | "warn" | "fail" | "unknown", extra = {}) => buildTile({ id, status, ...extra });

describe("arrange()", () => {
  const tiles = [
    t("a", "ok"),
    t("b", "fail"),
    t("c", "ok", { running: true }),
    t("d", "unknown"),
    t("e", "warn"),
    t("f", "ok", { stale: true }),
  ];

  it("fixed keeps the config order", () => {
    expect(arrange(tiles, "fixed", false).main.map((x) => x.id)).toEqual(["a", "b", "c", "d", "e", "f"]);
  });

  it("attention sorts failing, warning, unknown (stale too), running, ok", () => {
    const few = tiles.filter((x) => x.id !== "f");
    const r = arrange(few, "attention", false);
    expect(r.main.map((x) => x.id)).toEqual(["b", "e", "d", "c", "a"]);
    expect(r.strip).toEqual([]);
    expect(arrange(tiles, "attention", false).main.map((x) => x.id)).toEqual(["b", "e", "d", "f", "c"]);
  });

  it("moves ok tiles to the strip once more than three need attention", () => {
    const many = [...tiles, t("g", "fail"), t("h", "ok")];
    const r = arrange(many, "attention", false);
    expect(r.main.map((x) => x.id)).toEqual(["b", "g", "e", "d", "f", "c"]);
    expect(r.strip.map((x) => x.id)).toEqual(["a", "h"]);
  });

  it("show=broken leaves the ok tiles out and counts them", () => {
    const r = arrange(tiles, "fixed", true);
    expect(r.main.map((x) => x.id)).toEqual(["b", "c", "d", "e", "f"]);
    expect(r.hiddenOk).toBe(1);
  });
});

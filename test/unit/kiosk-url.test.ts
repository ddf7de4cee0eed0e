import { afterEach, describe, expect, it, vi } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { kioskUrl } from "../../collector/kiosk-url.ts";
import { main } from "../../collector/main.ts";

const boards = ["team", "ops"];

describe("kioskUrl", () => {
  it("gives the page's address with its parameters", () => {
    expect(kioskUrl({ base: "http://radiator.lan:8080", board: "team" }, boards)).toBe(
      "http://radiator.lan:8080/?board=team",
    );
    expect(kioskUrl({ base: "https://radiator.lan/", board: "team,ops", rotate: "30s", theme: "light" }, boards)).toBe(
      "https://radiator.lan/?board=team,ops&rotate=30s&theme=light",
    );
  });

  it("refuses unknown boards, bad rotations, themes and bases with what to change", () => {
    expect(() => kioskUrl({ base: "http://h:8080", board: "team,nope" }, boards)).toThrow(
      "unknown board nope; boards: team, ops",
    );
    expect(() => kioskUrl({ base: "http://h:8080", board: "team,ops", rotate: "2s" }, boards)).toThrow(/at least 5s/);
    expect(() => kioskUrl({ base: "http://h:8080", board: "team", rotate: "30s" }, boards)).toThrow(
      /two or more boards/,
    );
    expect(() => kioskUrl({ base: "http://h:8080", board: "team", theme: "<b>" }, boards)).toThrow(/theme name/);
    expect(() => kioskUrl({ base: "ftp://h", board: "team" }, boards)).toThrow(/http\(s\)/);
    expect(() => kioskUrl({ base: "http://u:p@h", board: "team" }, boards)).toThrow(/user name or password/);
    expect(() => kioskUrl({ base: "h:8080:x", board: "team" }, boards)).toThrow(/--base must be/);
    expect(() => kioskUrl({ base: "https://tools.lan/radiator", board: "team" }, boards)).toThrow(/without a path/);
  });
});

describe("radiator kiosk-url", () => {
  afterEach(() => vi.restoreAllMocks());
  const run = async (args: string[]) => {
    let out = "";
    let err = "";
    vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
    vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
    const code = await main(["kiosk-url", ...args]);
    vi.restoreAllMocks();
    return { code, out, err };
  };
  const config = join(mkdtempSync(join(tmpdir(), "radiator-kiosk-")), "radiator.json");
  writeFileSync(
    config,
    JSON.stringify({
      boards: boards.map((id) => ({ id, title: id, tiles: [{ id: `${id}1`, title: "x", kind: "demo" }] })),
    }),
  );

  it("prints the URL and exits 0; an unknown board is a usage error (2); a broken config exits 1", async () => {
    expect(await run(["--board", "ops", "--config", config, "--base", "http://wall:8080", "--theme", "light"])).toEqual(
      { code: 0, out: "http://wall:8080/?board=ops&theme=light\n", err: "" },
    );
    const unknown = await run(["--board", "sales", "--config", config, "--base", "http://wall:8080"]);
    expect([unknown.code, unknown.out, unknown.err]).toEqual([
      2,
      "",
      "radiator kiosk-url: unknown board sales; boards: team, ops\n",
    ]);
    expect((await run(["--config", config])).code).toBe(2);
    const broken = join(mkdtempSync(join(tmpdir(), "radiator-kiosk-")), "bad.json");
    writeFileSync(broken, "{ nope");
    expect((await run(["--board", "team", "--config", broken])).code).toBe(1);
  });
});

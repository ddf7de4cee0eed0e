import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { SqliteHistory } from "../../../collector/history/sqlite.ts";
import { MemoryHistory } from "../../../collector/history/memory.ts";
import { laneDeploys } from "../../../collector/history/entry.ts";
import type { EnvironmentLane, Tile, TileEvent } from "../../../collector/contract.ts";

const deploy: TileEvent = {
  tile: "api-prod",
  t: 1000,
  type: "deploy",
  note: "ok",
  status: "succeeded",
  version: "1.4.3",
  environment: "production",
  by: "ansible",
  url: "https://ci.example/1",
};

describe("deploy events in the history", () => {
  it("a file made before the deploy columns gains them, keeps its events and stores the new fields", () => {
    const file = join(mkdtempSync(join(tmpdir(), "radiator-hist-")), "radiator.sqlite");
    const old = new Database(file);
    old.exec(
      "CREATE TABLE events (tile TEXT NOT NULL, t INTEGER NOT NULL, type TEXT NOT NULL, by TEXT, note TEXT, ms INTEGER)",
    );
    old.prepare("INSERT INTO events VALUES ('ci', 5, 'claim', 'alice', 'on it', NULL)").run();
    old.close();
    const h = new SqliteHistory(file);
    h.addEvent(deploy);
    h.close();
    const again = new SqliteHistory(file);
    expect(again.events(null, 0)).toEqual([{ tile: "ci", t: 5, type: "claim", by: "alice", note: "on it" }, deploy]);
    again.close();
    const mem = new MemoryHistory();
    mem.addEvent(deploy);
    expect(mem.events("api-prod", 0)).toEqual([deploy]);
  });

  it("a lane that now runs another version, deployed with success, is a deploy; the first sight is not", () => {
    const lane = (version: string, deploy: EnvironmentLane["deploy"] = "succeeded"): EnvironmentLane => ({
      environment: "production",
      version,
      deploy,
      status: "ok",
      at: "1970-01-01T00:00:02.000Z",
    });
    const tile = (lanes?: EnvironmentLane[]) => ({ id: "envs", lanes }) as Tile;
    expect(laneDeploys(tile(), tile([lane("1.4.3")]), 9000)).toEqual([]);
    expect(laneDeploys(tile([lane("1.4.2")]), tile([lane("1.4.2")]), 9000)).toEqual([]);
    expect(laneDeploys(tile([lane("1.4.2")]), tile([lane("1.4.3", "failed")]), 9000)).toEqual([]);
    expect(laneDeploys(tile([lane("1.4.2")]), tile([lane("1.4.3")]), 9000)).toEqual([
      {
        tile: "envs",
        t: 2000,
        type: "deploy",
        note: "ok",
        status: "succeeded",
        version: "1.4.3",
        environment: "production",
      },
    ]);
  });
});

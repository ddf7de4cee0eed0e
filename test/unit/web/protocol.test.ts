import { describe, expect, it } from "vitest";
import type { BoardInfo, ServerMessage, Tile } from "../../../collector/contract.ts";
import {
  applyMessage,
  initialState,
  shouldReload,
  tilesOf,
  visibleNotice,
  INFO_NOTICE_MS,
  type BoardState,
} from "../../../web/src/lib/protocol.ts";
import { buildTile } from "../../helpers/builders.ts";

const boards: BoardInfo[] = [
  { id: "a", title: "Board A", tiles: ["t1", "t2"] },
  { id: "b", title: "Board B", tiles: ["t3"] },
];

function run(...msgs: ServerMessage[]): BoardState {
  return msgs.reduce((s, m) => applyMessage(s, m, 1000), initialState());
}

const hello: ServerMessage = {
  type: "hello",
  version: "v1",
  title: "ACME",
  boards,
  families: { demo: "build", jira: "list" },
};
const snap = (rev: number, tiles: Tile[]): ServerMessage => ({ type: "snapshot", rev, tiles });
const patch = (rev: number, tiles: Tile[] = [], removed: string[] = []): ServerMessage => ({
  type: "patch",
  rev,
  tiles,
  removed,
});

describe("applyMessage()", () => {
  it("hello sets title, boards and the server's page version", () => {
    const s = run(hello);
    expect(s.title).toBe("ACME");
    expect(s.boards).toEqual(boards);
    expect(s.serverVersion).toBe("v1");
    expect(s.families).toEqual({ demo: "build", jira: "list" });
    expect(s.rev).toBeNull();
  });

  it("a snapshot replaces every tile, dropping ones it does not list", () => {
    const s = run(
      hello,
      snap(5, [buildTile({ id: "t1" }), buildTile({ id: "t2" })]),
      snap(9, [buildTile({ id: "t3", status: "fail" })]),
    );
    expect(s.rev).toBe(9);
    expect(Object.keys(s.tiles)).toEqual(["t3"]);
    expect(s.tiles.t3!.status).toBe("fail");
  });

  it("a patch with the next rev updates changed tiles and keeps the others' identity", () => {
    const t2 = buildTile({ id: "t2" });
    const s1 = run(hello, snap(5, [buildTile({ id: "t1" }), t2]));
    const s2 = applyMessage(s1, patch(6, [buildTile({ id: "t1", status: "fail", summary: "broken" })]));
    expect(s2.rev).toBe(6);
    expect(s2.tiles.t1!.status).toBe("fail");
    expect(s2.tiles.t2).toBe(s1.tiles.t2);
    expect(s1.tiles.t1!.status).toBe("unknown"); // the old state is untouched
  });

  it("a patch removes the tiles it names", () => {
    const s = run(hello, snap(1, [buildTile({ id: "t1" }), buildTile({ id: "t2" })]), patch(2, [], ["t1"]));
    expect(Object.keys(s.tiles)).toEqual(["t2"]);
    expect(s.rev).toBe(2);
  });

  it("an empty patch still advances rev, so the next one is not a gap", () => {
    const s = run(hello, snap(1, [buildTile()]), patch(2), patch(3, [buildTile({ status: "ok" })]));
    expect(s.rev).toBe(3);
    expect(s.needsResync).toBe(false);
    expect(s.tiles.t1!.status).toBe("ok");
  });

  it("a rev gap marks the state for resync and ignores patches until a snapshot", () => {
    const s1 = run(hello, snap(1, [buildTile({ status: "ok" })]), patch(3, [buildTile({ status: "fail" })]));
    expect(s1.needsResync).toBe(true);
    expect(s1.rev).toBe(1);
    expect(s1.tiles.t1!.status).toBe("ok");
    const s2 = applyMessage(s1, patch(4, [buildTile({ status: "warn" })]));
    expect(s2.tiles.t1!.status).toBe("ok");
    const s3 = applyMessage(s2, snap(4, [buildTile({ status: "warn" })]));
    expect(s3.needsResync).toBe(false);
    expect(s3.rev).toBe(4);
    expect(s3.tiles.t1!.status).toBe("warn");
    expect(applyMessage(s3, patch(5, [buildTile({ status: "ok" })])).tiles.t1!.status).toBe("ok");
  });

  it("a patch from before the snapshot is a duplicate and changes nothing", () => {
    const s1 = run(hello, snap(7, [buildTile({ status: "ok" })]));
    const s2 = applyMessage(s1, patch(7, [buildTile({ status: "fail" })]));
    expect(s2).toBe(s1);
  });

  it("a patch before any snapshot is ignored (the snapshot is on its way)", () => {
    const s = run(hello, patch(3, [buildTile()]));
    expect(s.rev).toBeNull();
    expect(s.tiles).toEqual({});
    expect(s.needsResync).toBe(false);
  });

  it("a resync snapshot keeps unchanged tiles' identity", () => {
    const s1 = run(hello, snap(1, [buildTile({ id: "t1" }), buildTile({ id: "t2" })]));
    const s2 = applyMessage(s1, snap(2, [buildTile({ id: "t1" }), buildTile({ id: "t2", status: "fail" })]));
    expect(s2.tiles.t1).toBe(s1.tiles.t1);
    expect(s2.tiles.t2).not.toBe(s1.tiles.t2);
  });

  it("heartbeats without newer checks change nothing", () => {
    const s1 = run(hello, snap(1, [buildTile()]));
    expect(applyMessage(s1, { type: "heartbeat", at: "2026-11-29T10:00:00Z" })).toBe(s1);
    const t1 = buildTile({ id: "t1", checkedAt: "2026-11-29T09:59:50.000Z" });
    const s2 = run(hello, snap(1, [t1]));
    // 10 s before the heartbeat is the check the page already has
    expect(applyMessage(s2, { type: "heartbeat", at: "2026-11-29T10:00:00Z", checked: { a: [10, null] } })).toBe(s2);
  });

  it("a heartbeat moves each tile's checkedAt to its newer check, by board and tile order", () => {
    const t1 = buildTile({ id: "t1", checkedAt: "2026-11-29T09:59:00.000Z" });
    const t2 = buildTile({ id: "t2", checkedAt: "2026-11-29T09:59:00.000Z" });
    const t3 = buildTile({ id: "t3", checkedAt: "2026-11-29T09:59:00.000Z" });
    const s1 = run(hello, snap(1, [t1, t2, t3]));
    const s2 = applyMessage(s1, {
      type: "heartbeat",
      at: "2026-11-29T10:00:00.000Z",
      checked: { a: [5, 60], b: [null] },
    });
    expect(s2.tiles.t1!.checkedAt).toBe("2026-11-29T09:59:55.000Z");
    expect(s2.tiles.t1!.status).toBe(t1.status);
    // unchanged tiles keep their identity (and their DOM)
    expect(s2.tiles.t2).toBe(s1.tiles.t2);
    expect(s2.tiles.t3).toBe(s1.tiles.t3);
    expect(s2.rev).toBe(1);
  });

  it("a heartbeat never makes data look younger or turns a tile fresh: stale and status stay as patched", () => {
    const t1 = buildTile({ id: "t1", status: "unknown", stale: true, checkedAt: "2026-11-29T09:50:00.000Z" });
    const s1 = run(hello, snap(1, [t1]));
    const s2 = applyMessage(s1, { type: "heartbeat", at: "2026-11-29T10:00:00.000Z", checked: { a: [900] } });
    expect(s2).toBe(s1);
  });
});

describe("notices", () => {
  it("a hello (a new connection, maybe to a restarted collector) clears the old notice; the collector re-sends one that still holds", () => {
    const s1 = applyMessage(initialState(), { type: "notice", level: "error", text: "Config not applied" }, 0);
    expect(applyMessage(s1, hello, 10).notice).toBeNull();
  });

  it("an error notice stays until an info notice replaces it; info fades after 10 s", () => {
    const s1 = applyMessage(
      initialState(),
      { type: "notice", level: "error", text: "config invalid: boards[0].id" },
      0,
    );
    expect(visibleNotice(s1.notice, 3_600_000)?.text).toBe("config invalid: boards[0].id");
    const s2 = applyMessage(s1, { type: "notice", level: "info", text: "config reloaded" }, 5000);
    expect(visibleNotice(s2.notice, 5000 + INFO_NOTICE_MS - 1)?.level).toBe("info");
    expect(visibleNotice(s2.notice, 5000 + INFO_NOTICE_MS + 1)).toBeNull();
  });
});

describe("shouldReload()", () => {
  it.each([
    ["abc", "abc", false],
    ["abc", "def", true],
    ["abc", null, false],
    ["dev", "def", false],
    ["abc", "unbuilt", false],
  ] as const)("own %s, server %s → %s", (own, server, expected) => {
    expect(shouldReload(own, server)).toBe(expected);
  });
});

describe("tilesOf()", () => {
  const s = run(
    hello,
    snap(1, [
      buildTile({ id: "t3", board: "b" }),
      buildTile({ id: "t2", board: "a" }),
      buildTile({ id: "t1", board: "a" }),
    ]),
  );
  it("lists a board's tiles in the board's order", () => {
    expect(tilesOf(s, ["a"]).map((t) => t.id)).toEqual(["t1", "t2"]);
    expect(tilesOf(s, ["b"]).map((t) => t.id)).toEqual(["t3"]);
  });
  it("lists every board in order when none is picked", () => {
    expect(tilesOf(s, null).map((t) => t.id)).toEqual(["t1", "t2", "t3"]);
  });
});

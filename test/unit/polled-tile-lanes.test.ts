// The store keeps an environments tile's lanes, with links made safe like items' links.
import { describe, expect, it } from "vitest";
import { polledTile } from "../../collector/polled-tile.ts";
import type { Tile } from "../../collector/contract.ts";

const old: Tile = {
  id: "envs",
  board: "b",
  title: "API",
  kind: "github-deployments",
  status: "unknown",
  running: false,
  since: null,
  checkedAt: null,
  stale: false,
  summary: "",
};

describe("polledTile with lanes", () => {
  it("keeps lanes and their recent deploys, dropping links that are not http(s)", () => {
    const tile = polledTile(
      old,
      {
        status: "ok",
        summary: "s",
        lanes: [
          {
            environment: "staging",
            version: "1.4.3",
            deploy: "succeeded",
            status: "ok",
            url: "javascript:alert(1)",
            recent: [
              { title: "1.4.3", url: "https://ci.example.com/1" },
              { title: "1.4.2", url: "data:text/html,x" },
            ],
          },
          { environment: "production", version: null, deploy: "unknown", status: "unknown", url: "https://x.example" },
        ],
      },
      null,
      "2026-11-29T10:00:00.000Z",
      null,
    );
    expect(tile.lanes).toEqual([
      {
        environment: "staging",
        version: "1.4.3",
        deploy: "succeeded",
        status: "ok",
        recent: [{ title: "1.4.3", url: "https://ci.example.com/1" }, { title: "1.4.2" }],
      },
      { environment: "production", version: null, deploy: "unknown", status: "unknown", url: "https://x.example/" },
    ]);
  });
});

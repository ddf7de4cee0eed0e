// A tile of each CI kind, in the collector run as a real process, against fake
// upstreams replaying the documented fixtures moved to "now": colour, timer,
// progress, people and drill-down items arrive in the state the page reads.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUpstream } from "../helpers/fake-upstream.ts";
import { CI_TOKEN, SHIFT, ciFakes } from "../helpers/ci-fakes.ts";
import { startCollector, type CollectorProcess } from "../helpers/collector-process.ts";

let fake: FakeUpstream;
let collector: CollectorProcess;

beforeAll(async () => {
  let config: object;
  ({ fake, config } = await ciFakes());
  collector = await startCollector({ env: { CI_TOKEN }, config });
});

afterAll(async () => {
  await collector?.stop();
  await fake?.close();
});

describe("CI tiles in a running collector", () => {
  it.each([
    ["gh", "#1433 failed in test", "test"],
    ["gl", "#3433 failed in rspec", "rspec"],
    ["jenkins", "#1433 failed in Test", "Test"],
    ["bk", "#1433 failed in :rspec: Test", ":rspec: Test"],
  ])(
    "%s shows red since the first failure, running with progress, the breakers and the failing job first",
    async (id, summary, job) => {
      const tile = await collector.waitForTile(id, (t) => t.checkedAt !== null, 20_000);
      expect(tile).toMatchObject({ status: "fail", running: true, stale: false });
      expect(tile.summary).toContain(summary);
      expect(Date.parse(tile.since!)).toBeCloseTo(Date.parse("2026-11-29T09:52:00Z") + SHIFT, -4);
      expect(tile.progress).toBeGreaterThanOrEqual(0.5);
      expect(tile.progress).toBeLessThan(1);
      expect(tile.people).toContain("Bob Builder");
      expect(tile.items?.[0]).toMatchObject({ title: job, status: "fail" });
      expect(tile.items?.[0]?.url).toMatch(/^https:\/\//);
      expect(tile.series?.length).toBeGreaterThan(3);
      expect(tile.url).toMatch(/^https:\/\//);
      expect(JSON.stringify(tile)).not.toContain(CI_TOKEN);
    },
  );

  it("cctray shows the whole feed: worst wins, one item per project", async () => {
    const tile = await collector.waitForTile("go", (t) => t.checkedAt !== null, 20_000);
    expect(tile).toMatchObject({ status: "fail", running: true, people: ["Alice Liddell", "Bob Builder"] });
    expect(tile.items).toHaveLength(4);
  });
});

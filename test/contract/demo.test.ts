// demo has no upstream: its contract is that every poll yields a complete, honest tile.
import { describe, expect, it } from "vitest";
import { pollTile } from "../helpers/poll.ts";

describe("demo", () => {
  it.each(["build", "flaky", "broken", "metric"])(
    "the %s scenario polls to a full tile marked as demo",
    async (scenario) => {
      const fields = await pollTile("demo", { scenario });
      expect(["ok", "warn", "fail"]).toContain(fields.status);
      expect(fields.summary).toMatch(/^Demo · /);
      expect(fields.series!.length).toBeGreaterThan(0);
    },
  );
});

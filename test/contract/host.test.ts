// host's "upstream" is the machine itself: poll it for real.
import { describe, expect, it } from "vitest";
import { pollTile } from "../helpers/poll.ts";

describe("host against this machine", () => {
  it.each(["cpu", "memory", "disk", "load"])("reads a real %s figure", async (metric) => {
    const fields = await pollTile("host", { metric });
    expect(Number.isFinite(fields.value)).toBe(true);
    expect(fields.value).toBeGreaterThanOrEqual(0);
    if (metric !== "load") expect(fields.value).toBeLessThanOrEqual(100);
    expect(["ok", "warn", "fail"]).toContain(fields.status);
  });

  it("fails the poll (→ unknown) for a disk path that does not exist", async () => {
    await expect(pollTile("host", { metric: "disk", path: "/no/such/dir" })).rejects.toThrow(/ENOENT/);
  });
});

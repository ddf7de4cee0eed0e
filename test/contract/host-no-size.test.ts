// A reading with nothing to divide by is no reading: it must not become a green 0 %.
import { describe, expect, it } from "vitest";
import source, { params } from "../../collector/sources/host.ts";
import { normaliseWith } from "../helpers/normalise.ts";
import { pollTile } from "../helpers/poll.ts";

describe("host readings that have no size", () => {
  it("a disk path on a filesystem that reports no size (/proc) is unknown with the reason, never 0 % used", async () => {
    const fields = await pollTile("host", { metric: "disk", path: "/proc" });
    expect(fields.status).toBe("unknown");
    expect(fields.value).toBeUndefined();
    expect(fields.error).toBe("the filesystem at /proc reports no size");
  });

  it("normalise() keeps a reading that is no number out of the value and the sparkline", () => {
    const f = normaliseWith(
      source,
      { value: Number.NaN, detail: "x", problem: "no CPU time passed between two samples" },
      params.parse({}),
      { now: new Date(0) },
    );
    expect(f).toMatchObject({ status: "unknown", error: "no CPU time passed between two samples", series: [] });
    expect(f.value).toBeUndefined();
  });
});

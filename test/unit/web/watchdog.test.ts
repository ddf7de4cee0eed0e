import { describe, expect, it } from "vitest";
import { selfReloadReason, HEAP_LIMIT_BYTES, RELOAD_AFTER_DISCONNECT_MS } from "../../../web/src/lib/watchdog.ts";

describe("selfReloadReason()", () => {
  it("reloads only after a very long disconnect or past the heap limit", () => {
    expect(selfReloadReason(1000, null, 10e6)).toBe(null);
    expect(selfReloadReason(RELOAD_AFTER_DISCONNECT_MS - 1, 0, null)).toBe(null);
    expect(selfReloadReason(RELOAD_AFTER_DISCONNECT_MS, 0, null)).toBe("disconnected for 6 h");
    expect(selfReloadReason(0, null, HEAP_LIMIT_BYTES + 1)).toBe("heap over 300 MB");
  });
});

import { describe, expect, it } from "vitest";
import { params, toTileFields } from "../../../collector/sources/zabbix-problems.ts";
import { fixture } from "../../helpers/fake-upstream.ts";

const now = new Date("2026-12-01T09:00:00Z");
const answer = () => ({
  problems: fixture("zabbix/problems.json").result,
  triggers: fixture("zabbix/triggers.json").result,
  root: "https://zbx",
});

describe("zabbix-problems", () => {
  it("failFrom moves the line between warn and fail", () => {
    expect(toTileFields(answer(), params.parse({ failFrom: 3 }), now).items!.map((i) => i.status)).toEqual([
      "fail",
      "fail",
      "fail",
      "warn",
    ]);
    expect(toTileFields(answer(), params.parse({ failFrom: 5 }), now).status).toBe("warn");
  });

  it("rejects failFrom below warnFrom", () => {
    expect(params.safeParse({ warnFrom: 4, failFrom: 3 }).success).toBe(false);
  });

  it("a problem without a known trigger keeps its own name", () => {
    const a = answer();
    a.triggers = [];
    expect(toTileFields(a, params.parse({}), now).items![0]!.title).toBe("Zabbix agent is not available (for 3m)");
  });
});

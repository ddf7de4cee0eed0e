// Fault lanes for the people family: pagerduty-oncall against a fake PagerDuty REST API v2.
import { fixture, type FakeRequest } from "../../helpers/fake-upstream.ts";
import { faultLaneSuite } from "../../helpers/fault-lanes.ts";

const now = fixture("pagerduty/oncalls-now.json");
const oncalls = (req: FakeRequest) => ({
  json: fixture(req.query.get("since") ? "pagerduty/oncalls-next.json" : "pagerduty/oncalls-now.json"),
});
const patched = (patch: (o: any) => unknown) => ({ json: { ...now, oncalls: now.oncalls.map(patch) } });

faultLaneSuite({
  family: "people",
  kind: "pagerduty-oncall",
  connection: (url) => ({ type: "pagerduty", url, token: "u+faultLanes123" }),
  tile: (_url, n) => ({ schedule: `PI7DH8${n}` }),
  good: oncalls,
  pollStart: (req) => req.path === "/oncalls" && !req.query.get("since"),
  faulted: "unknown",
  shapes: {
    "a shape with fields missing": () => ({ json: { limit: 25, more: false } }),
    "nulls where data belongs": () => ({ json: { oncalls: null } }),
    "wrong types": () => patched((o) => ({ ...o, user: "Alice", escalation_level: "one" })),
    "an on-call user without a name": () => patched((o) => ({ ...o, user: { id: o.user.id, type: "user_reference" } })),
    "an empty list": () => ({ json: { oncalls: [], limit: 25, offset: 0, more: false } }),
    "a non-numeric level": () => patched((o) => ({ ...o, escalation_level: "abc" })),
  },
  // Nobody on call is the real problem this tile exists to show: red, not grey.
  // An unnamed user is left out, so the tile says nobody is on call (red): not a false green, but unknown would be
  // more honest; reported, not asserted.
  expect: { "an empty list": "fail", "an on-call user without a name": ["unknown", "fail"] },
});

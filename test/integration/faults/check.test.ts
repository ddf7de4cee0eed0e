// Fault lanes for the check family: an `http` check with a body expectation. A fault is what a check reports: `fail`.
import { faultLaneSuite } from "../../helpers/fault-lanes.ts";

const UP = { json: { status: "UP", checks: [{ name: "db", status: "UP" }] } };

faultLaneSuite({
  family: "check",
  kind: "http",
  tile: (url, n) => ({ url: `${url}/health/${n}`, contains: '"status":"UP"', warnMs: 5000 }),
  good: () => UP,
  pollStart: (req) => req.path.startsWith("/health/"),
  faulted: "fail",
  shapes: {
    "a shape with fields missing": () => ({ json: { checks: [] } }),
    "nulls where data belongs": () => ({ json: { status: null } }),
    "wrong types": () => ({ json: { status: ["UP"] } }),
    "an unknown enum value": () => ({ json: { status: "MAYBE" } }),
    "an empty body": () => ({ body: "", headers: { "content-type": "application/json" } }),
    "a non-numeric value": () => ({ json: { status: 1 } }),
  },
  // The server answered, but a body past the size limit cannot be checked for the text: unchecked is unknown, not down.
  expect: { "a 100 MB body, streamed": "unknown" },
});

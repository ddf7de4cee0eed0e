// Fault lanes for the metric family: prometheus against a fake Prometheus HTTP API.
import { fixture } from "../../helpers/fake-upstream.ts";
import { faultLaneSuite } from "../../helpers/fault-lanes.ts";

const vector = (value: unknown) => ({
  status: "success",
  data: { resultType: "vector", result: [{ metric: {}, value: [1795926180.302, value] }] },
});

faultLaneSuite({
  family: "metric",
  kind: "prometheus",
  connection: (url) => ({ type: "prometheus", url }),
  tile: (_url, n) => ({ query: `latency_ms{n="${n}"}`, unit: "ms", warn: 250, fail: 400 }),
  good: (req) => ({
    json: fixture(
      req.path.endsWith("query_range") ? "prometheus/query-range.json" : "prometheus/query-vector-one.json",
    ),
  }),
  pollStart: (req) => req.path === "/api/v1/query",
  faulted: "unknown",
  shapes: {
    "a shape with fields missing": () => ({ json: { status: "success" } }),
    "nulls where data belongs": () => ({ json: { status: "success", data: { resultType: "vector", result: null } } }),
    "wrong types": () => ({
      json: { status: "success", data: { resultType: "vector", result: [{ metric: {}, value: "42" }] } },
    }),
    "an unknown resultType": () => ({ json: { status: "success", data: { resultType: "histogram", result: [] } } }),
    "an empty sample value": () => ({ json: vector("") }),
    "a non-numeric sample value": () => ({ json: vector("abc") }),
    "a NaN sample value": () => ({ json: vector("NaN") }),
  },
});

// Fault lanes for the build family: github-actions against a fake GitHub REST API.
import { fixture, type FakeRequest } from "../../helpers/fake-upstream.ts";
import { faultLaneSuite } from "../../helpers/fault-lanes.ts";

/** The documented runs list with the newest run a finished success. */
function runs(patch: (run: Record<string, unknown>) => void = () => undefined) {
  const b = fixture("github/runs.json");
  b.workflow_runs = b.workflow_runs.slice(1);
  Object.assign(b.workflow_runs[0], { status: "completed", conclusion: "success" });
  patch(b.workflow_runs[0]);
  return b;
}
const isRuns = (req: FakeRequest) => req.path.endsWith("/runs");
const jobs = { json: fixture("github/jobs.json") };

faultLaneSuite({
  family: "build",
  kind: "github-actions",
  connection: (url) => ({ type: "github", url, token: "ghp_faultLanes123" }),
  tile: (_url, n) => ({ repo: `acme/api${n}`, branch: "main", workflow: "ci.yml" }),
  good: (req) => (isRuns(req) ? { json: runs() } : jobs),
  pollStart: isRuns,
  faulted: "unknown",
  shapes: {
    "a shape with fields missing": (req) => (isRuns(req) ? { json: { total_count: 3 } } : jobs),
    "nulls where data belongs": (req) => (isRuns(req) ? { json: { total_count: null, workflow_runs: null } } : jobs),
    "wrong types": (req) => (isRuns(req) ? { json: { total_count: "3", workflow_runs: { id: 1 } } } : jobs),
    "an unknown enum value": (req) =>
      isRuns(req) ? { json: runs((r) => Object.assign(r, { status: "teleporting", conclusion: "perhaps" })) } : jobs,
    "an empty list": (req) => (isRuns(req) ? { json: { total_count: 0, workflow_runs: [] } } : jobs),
    "a non-numeric run number": (req) =>
      isRuns(req)
        ? { json: runs((r) => Object.assign(r, { id: "abc", run_number: "abc", conclusion: null, status: null })) }
        : jobs,
  },
});

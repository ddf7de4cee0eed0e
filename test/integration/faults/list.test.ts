// Fault lanes for the list family: jira against a fake Jira Cloud REST API v3.
import { fixture, type FakeRequest } from "../../helpers/fake-upstream.ts";
import { faultLaneSuite } from "../../helpers/fault-lanes.ts";

const isSearch = (req: FakeRequest) => req.path === "/rest/api/3/search/jql";
const count = (c: unknown) => ({ json: { count: c } });
const page = fixture("jira/cloud-search-page-1.json");

faultLaneSuite({
  family: "list",
  kind: "jira",
  connection: (url) => ({ type: "jira", url, flavor: "cloud", email: "ops@acme.com", token: "atl-faultLanes123" }),
  tile: (_url, n) => ({ jql: `project = OPS${n} AND statusCategory != Done`, warn: 100, fail: 200 }),
  good: (req) => (isSearch(req) ? { json: fixture("jira/cloud-search-empty.json") } : count(0)),
  pollStart: (req) => isSearch(req) && !req.query.get("nextPageToken"),
  faulted: "unknown",
  shapes: {
    "a shape with fields missing": (req) => (isSearch(req) ? { json: { isLast: true } } : count(0)),
    "nulls where data belongs": (req) => (isSearch(req) ? { json: { issues: null, isLast: true } } : count(null)),
    "wrong types": (req) => (isSearch(req) ? { json: { issues: "none", isLast: "yes" } } : count(0)),
    "an unknown enum value": (req) =>
      isSearch(req)
        ? {
            json: {
              ...page,
              issues: page.issues.map((i: any) => ({
                ...i,
                fields: {
                  ...i.fields,
                  status: { ...i.fields.status, statusCategory: { key: "teleported" } },
                  priority: { name: "Zorg" },
                },
              })),
            },
          }
        : count("many"),
    "an empty count": (req) => (isSearch(req) ? { json: page } : count("")),
    "a non-numeric count": (req) => (isSearch(req) ? { json: page } : count("abc")),
  },
});

import { describe, expect, it } from "vitest";
import def, { params } from "../../../collector/sources/argocd-apps.ts";
import { imageTag } from "../../../collector/sources/lib/lanes.ts";
import { fixture } from "../../helpers/fake-upstream.ts";
import { normaliseWith } from "../../helpers/normalise.ts";

const now = new Date("2026-11-29T10:00:00Z");
const p = params.parse({ apps: [{ environment: "staging", app: "api-staging" }] });

describe("argocd-apps normalise", () => {
  it("reads image tags past a registry port and digests", () => {
    expect(imageTag("registry.example.com:5000/acme/api:1.4.3")).toBe("1.4.3");
    expect(imageTag("registry.example.com:5000/acme/api")).toBe("latest");
    expect(imageTag("acme/api@sha256:0123456789abcdef0123")).toBe("0123456789ab");
  });

  it("Suspended and Missing are amber", () => {
    for (const status of ["Suspended", "Missing"]) {
      const app = fixture("argocd/application-staging.json");
      app.status.health = { status };
      const f = normaliseWith(def, { apps: [{ environment: "staging", app }] }, p, { now });
      expect(f).toMatchObject({ status: "warn", summary: `staging: is ${status}` });
    }
  });

  it("an app never synced and not Synced is grey", () => {
    const app = fixture("argocd/application-staging.json");
    delete app.status.operationState;
    app.status.history = [];
    app.status.sync.status = "OutOfSync";
    const f = normaliseWith(def, { apps: [{ environment: "staging", app }] }, p, { now });
    expect(f).toMatchObject({ status: "unknown", error: "staging: never synced" });
  });

  it("a body without status fails the poll with the field named", () => {
    expect(() =>
      normaliseWith(def, { apps: [{ environment: "s", app: { metadata: { name: "x" } } }] }, p, { now }),
    ).toThrow(/Argo CD application answered in an unexpected shape: status/);
  });
});

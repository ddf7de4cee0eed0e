import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { WriteGuard } from "../../../collector/routes/write-guard.ts";
import { createApp } from "../../../collector/app.ts";
import { planFrom } from "../../../collector/plan.ts";
import { parseConfig } from "../../../collector/config/load.ts";
import { securitySettings } from "../../../collector/config/security.ts";
import { sameSecret, upgradeVerdict, VIEW_COOKIE } from "../../../collector/security.ts";
import { ConfigError } from "../../../collector/config/errors.ts";
import { testRuntime } from "../../helpers/runtime.ts";

const TOKEN = "view-token-0123456789abcdef";
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

const webRoot = mkdtempSync(join(tmpdir(), "radiator-web-"));
mkdirSync(join(webRoot, "assets"));
writeFileSync(join(webRoot, "index.html"), "<!doctype html><title>Radiator</title>");
writeFileSync(join(webRoot, "assets", "app.js"), "console.log(1)");

function config(extra: object = {}) {
  return parseConfig(
    JSON.stringify({
      title: "T",
      boards: [{ id: "a", title: "A", tiles: [{ id: "a1", title: "A1", kind: "demo", every: "1h" }] }],
      ...extra,
    }),
    "t.json",
    {},
  ).config;
}

function app(extra: object = {}, env: Record<string, string> = {}) {
  const cfg = config(extra);
  const rt = testRuntime(planFrom(cfg), cleanups, {
    webRoot,
    security: securitySettings(cfg, env),
    guard: () => new WriteGuard({ token: () => undefined }),
  });
  return createApp(() => rt);
}

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self' ws://wall.local:8080 wss://wall.local:8080; object-src 'none'; base-uri 'none'; " +
  "form-action 'self'; frame-ancestors 'self'";

describe("security headers", () => {
  it.each(["/healthz", "/api/state", "/", "/assets/app.js", "/no/such/route"])(
    "%s carries CSP, nosniff and no-referrer",
    async (path) => {
      const res = await app().request(path, { headers: { host: "wall.local:8080" } });
      expect(res.headers.get("content-security-policy")).toBe(CSP);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    },
  );

  it("frame-ancestors comes from the config, for kiosk wrappers that embed the page", async () => {
    const res = await app({ frameAncestors: ["'self'", "https://kiosk.example.com"] }).request("/", {
      headers: { host: "wall.local" },
    });
    expect(res.headers.get("content-security-policy")).toMatch(
      /; frame-ancestors 'self' https:\/\/kiosk\.example\.com$/,
    );
    expect(res.headers.get("x-frame-options")).toBeNull();
  });

  it("a forged Host header cannot add directives to the CSP", async () => {
    const res = await app().request("/healthz", { headers: { host: "x; script-src *" } });
    expect(res.headers.get("content-security-policy")).toContain("connect-src 'self'; object-src");
    expect(res.headers.get("content-security-policy")).not.toContain("script-src *");
  });
});

describe("without a viewer token (trusted office network)", () => {
  it("anyone who reaches the port can view the page and the API", async () => {
    const a = app();
    expect((await a.request("/")).status).toBe(200);
    expect((await a.request("/api/state")).status).toBe(200);
  });
});

describe("with a viewer token", () => {
  it.each(["/", "/api/state", "/api/boards", "/api/tiles/a1", "/metrics", "/assets/app.js"])(
    "%s is refused without it, and never names it",
    async (path) => {
      const res = await app({ viewToken: TOKEN }).request(path);
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain(TOKEN);
      expect(res.headers.get("set-cookie")).toBeNull();
    },
  );

  it("/healthz stays open", async () => {
    expect((await app({ viewToken: TOKEN }).request("/healthz")).status).toBe(200);
  });

  it("accepts Authorization: Bearer and X-Radiator-Token, and refuses a wrong one", async () => {
    const a = app({ viewToken: TOKEN });
    expect((await a.request("/api/state", { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect((await a.request("/api/state", { headers: { "x-radiator-token": TOKEN } })).status).toBe(200);
    expect((await a.request("/api/state", { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    expect((await a.request("/api/state", { headers: { "x-radiator-token": TOKEN.slice(1) } })).status).toBe(401);
  });

  it("?token= once sets an HttpOnly SameSite=Lax cookie (not the token) and redirects to the URL without it", async () => {
    const a = app({ viewToken: TOKEN });
    const res = await a.request(`/?board=a&token=${TOKEN}&rotate=30s`);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/?board=a&rotate=30s");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(new RegExp(`^${VIEW_COOKIE}=[A-Za-z0-9_-]+; Max-Age=\\d+; Path=/; HttpOnly; SameSite=Lax$`));
    expect(cookie).not.toContain(TOKEN);
    const pair = cookie.split(";")[0]!;
    expect((await a.request("/api/state", { headers: { cookie: pair } })).status).toBe(200);
    expect((await a.request("/", { headers: { cookie: pair } })).status).toBe(200);
    expect((await a.request("/api/state", { headers: { cookie: `${VIEW_COOKIE}=forged` } })).status).toBe(401);
  });

  it("a wrong ?token= sets no cookie", async () => {
    const res = await app({ viewToken: TOKEN }).request("/?token=wrong-token-wrong-token");
    expect(res.status).toBe(401);
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("RADIATOR_VIEW_TOKEN sets the token when the config does not", async () => {
    const a = app({}, { RADIATOR_VIEW_TOKEN: TOKEN });
    expect((await a.request("/api/state")).status).toBe(401);
    expect((await a.request("/api/state", { headers: { "x-radiator-token": TOKEN } })).status).toBe(200);
  });

  it("webhooks are not behind the viewer token (they carry the write token)", async () => {
    const res = await app({ viewToken: TOKEN }).request("/api/webhooks/nothing", { method: "POST", body: "{}" });
    expect(res.status).not.toBe(401);
  });
});

describe("config keys", () => {
  it.each([
    [{ viewToken: "short" }, "viewToken"],
    [{ allowedOrigins: ["wall.example.com"] }, "allowedOrigins[0]"],
    [{ frameAncestors: ["'self'; script-src *"] }, "frameAncestors[0]"],
  ])("rejects %j at %s", (extra, path) => {
    try {
      config(extra);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).issues.map((i) => i.path)).toEqual([path]);
    }
  });
});

describe("sameSecret()", () => {
  it("compares whole values of any length", () => {
    expect(sameSecret(TOKEN, TOKEN)).toBe(true);
    expect(sameSecret(`${TOKEN}x`, TOKEN)).toBe(false);
    expect(sameSecret("", TOKEN)).toBe(false);
    expect(sameSecret(undefined, TOKEN)).toBe(false);
  });
});

describe("upgradeVerdict() for /ws", () => {
  const req = (headers: Record<string, string>, url = "/ws?board=a") =>
    ({ url, headers: { host: "wall.local:8080", ...headers } }) as unknown as IncomingMessage;
  const s = (extra: object) => securitySettings({ frameAncestors: ["'self'"], ...extra }, {});

  it("refuses an Origin outside allowedOrigins with 403; allows the listed ones, the page's own and none", () => {
    const allow = s({ allowedOrigins: ["https://dash.example.com"] });
    expect(upgradeVerdict(req({ origin: "https://evil.example" }), allow)?.status).toBe(403);
    expect(upgradeVerdict(req({ origin: "https://dash.example.com" }), allow)).toBeUndefined();
    expect(upgradeVerdict(req({ origin: "http://wall.local:8080" }), allow)).toBeUndefined();
    expect(upgradeVerdict(req({}), allow)).toBeUndefined();
    expect(upgradeVerdict(req({ origin: "https://evil.example" }), s({}))).toBeUndefined();
  });

  it("needs the viewer token when one is set: cookie, header or ?token=", async () => {
    const t = s({ viewToken: TOKEN });
    expect(upgradeVerdict(req({}), t)?.status).toBe(401);
    expect(upgradeVerdict(req({ "x-radiator-token": TOKEN }), t)).toBeUndefined();
    expect(upgradeVerdict(req({ authorization: `Bearer ${TOKEN}` }), t)).toBeUndefined();
    expect(upgradeVerdict(req({}, `/ws?board=a&token=${TOKEN}`), t)).toBeUndefined();
    const res = await app({ viewToken: TOKEN }).request(`/?token=${TOKEN}`);
    const pair = res.headers.get("set-cookie")!.split(";")[0]!;
    expect(upgradeVerdict(req({ cookie: `other=1; ${pair}` }), t)).toBeUndefined();
    expect(upgradeVerdict(req({ cookie: `${VIEW_COOKIE}=forged` }), t)?.status).toBe(401);
  });
});

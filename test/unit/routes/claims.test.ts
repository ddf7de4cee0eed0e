import { afterEach, describe, expect, it, vi } from "vitest";

// Wrapped so a test can see that the token compare goes through timingSafeEqual.
vi.mock("node:crypto", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:crypto")>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

import { timingSafeEqual } from "node:crypto";
import { createApp } from "../../../collector/app.ts";
import { planFrom } from "../../../collector/plan.ts";
import { parseConfig } from "../../../collector/config/load.ts";
import type { Tile, TileDetail } from "../../../collector/contract.ts";
import { WriteGuard } from "../../../collector/routes/write-guard.ts";
import { buildConfig, buildFields } from "../../helpers/builders.ts";
import { testRuntime } from "../../helpers/runtime.ts";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

const T0 = Date.parse("2026-12-01T10:00:00Z");

function setup(opts: { token?: string; burst?: number } = {}) {
  let now = T0;
  const clock = () => now;
  const plan = planFrom(
    parseConfig(
      JSON.stringify(
        buildConfig([
          { id: "api", every: "1h" },
          { id: "web", every: "1h" },
        ]),
      ),
      "t.json",
      {},
    ).config,
  );
  const rt = testRuntime(plan, cleanups, {
    now: clock,
    guard: () => new WriteGuard({ token: () => opts.token, now: clock, burst: opts.burst ?? 20, perSecond: 1 }),
  });
  const { store } = rt;
  const app = createApp(() => rt);
  const claim = (id: string, body: unknown, headers: Record<string, string> = {}, env?: object) =>
    app.request(
      `/api/tiles/${id}/claim`,
      { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers },
      env,
    );
  return { store, app, claim, advance: (ms: number) => (now += ms) };
}

describe("claims", () => {
  it("POST claim on a failing tile answers 200 with the claimed tile", async () => {
    const { store, claim, advance } = setup();
    store.applyFields("api", buildFields({ status: "fail", summary: "red" }));
    advance(5 * 60_000);
    const res = await claim("api", { name: "Alice", note: "rolling back 1.4.2" });
    expect(res.status).toBe(200);
    const tile = (await res.json()) as Tile;
    expect(tile.claim).toEqual({
      by: "Alice",
      note: "rolling back 1.4.2",
      at: new Date(T0 + 5 * 60_000).toISOString(),
    });
    expect(store.get("api")!.claim?.by).toBe("Alice");
    expect(store.eventsOf("api")).toEqual([
      { tile: "api", t: T0 + 5 * 60_000, type: "claim", by: "Alice", note: "rolling back 1.4.2", ms: 5 * 60_000 },
    ]);
  });

  it("a tile nobody claimed carries claim: null", async () => {
    const { app } = setup();
    const body = (await (await app.request("/api/state")).json()) as { tiles: Tile[] };
    expect(body.tiles.map((t) => t.claim)).toEqual([null, null]);
  });

  it("POST claim on an ok tile is refused with 409 and a clear message", async () => {
    const { store, claim } = setup();
    store.applyFields("api", buildFields({ status: "ok" }));
    const res = await claim("api", { name: "Alice" });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: 'tile "api" is ok: there is nothing to claim' });
    expect(store.get("api")!.claim).toBe(null);
  });

  it("names over 60 and notes over 200 characters are refused with 400", async () => {
    const { store, claim } = setup();
    store.applyFields("api", buildFields({ status: "fail" }));
    const long = await claim("api", { name: "x".repeat(61) });
    expect(long.status).toBe(400);
    expect(await long.json()).toEqual({ error: "name is longer than 60 characters" });
    const note = await claim("api", { name: "Al", note: "n".repeat(201) });
    expect(note.status).toBe(400);
    expect(await note.json()).toEqual({ error: "note is longer than 200 characters" });
    expect((await claim("api", { name: "   " })).status).toBe(400);
    expect((await claim("api", "not json")).status).toBe(400);
    expect((await claim("api", { name: "x".repeat(60), note: "n".repeat(200) })).status).toBe(200);
    expect(store.get("api")!.claim?.by).toBe("x".repeat(60));
  });

  it("control characters in a name become spaces: plain text only", async () => {
    const { store, claim } = setup();
    store.applyFields("api", buildFields({ status: "warn" }));
    expect((await claim("api", { name: "Al\nice\u0007", note: "<b>x</b>" })).status).toBe(200);
    expect(store.get("api")!.claim).toMatchObject({ by: "Al ice", note: "<b>x</b>" });
  });

  it("an unknown tile is a 404", async () => {
    const { claim, app } = setup();
    expect((await claim("nope", { name: "A" })).status).toBe(404);
    expect((await app.request("/api/tiles/nope/claim", { method: "DELETE" })).status).toBe(404);
  });

  it("DELETE claim releases it with an event; the claim ends by itself when the tile turns ok", async () => {
    const { store, claim, app, advance } = setup();
    store.applyFields("api", buildFields({ status: "fail" }));
    await claim("api", { name: "Alice" });
    advance(60_000);
    const del = await app.request("/api/tiles/api/claim", { method: "DELETE" });
    expect(del.status).toBe(200);
    expect(((await del.json()) as Tile).claim).toBe(null);
    await claim("api", { name: "Bob", note: "restarting" });
    advance(12 * 60_000);
    store.applyFields("api", buildFields({ status: "ok" }));
    expect(store.get("api")!.claim).toBe(null);
    const detail = (await (await app.request("/api/tiles/api")).json()) as TileDetail;
    expect(detail.events!.map((e) => [e.type, e.by, e.ms])).toEqual([
      ["claim", "Alice", 0],
      ["release", "Alice", 60_000],
      ["claim", "Bob", 60_000],
      ["fixed", "Bob", 12 * 60_000],
    ]);
  });

  it("a claim reaches screens as a patch", async () => {
    const { store, claim } = setup();
    store.applyFields("api", buildFields({ status: "fail" }));
    store.flush();
    const seen: Tile[][] = [];
    store.onPatch((p) => seen.push(p.tiles));
    await claim("api", { name: "Alice" });
    expect(seen.map((tiles) => tiles.map((t) => [t.id, t.claim?.by]))).toEqual([[["api", "Alice"]]]);
  });
});

describe("write guard", () => {
  it("with a writeToken set, a write without it is 401; Bearer and X-Radiator-Token both work", async () => {
    const { store, claim, app } = setup({ token: "s3cret-token" });
    store.applyFields("api", buildFields({ status: "fail" }));
    const res = await claim("api", { name: "Alice" });
    expect(res.status).toBe(401);
    expect(JSON.stringify(await res.json())).not.toMatch(/s3cret/);
    expect((await claim("api", { name: "Alice" }, { authorization: "Bearer wrong-token!" })).status).toBe(401);
    expect((await claim("api", { name: "Alice" }, { authorization: "Bearer s3cret-token" })).status).toBe(200);
    expect((await app.request("/api/tiles/api/claim", { method: "DELETE" })).status).toBe(401);
    expect(
      (await app.request("/api/tiles/api/claim", { method: "DELETE", headers: { "x-radiator-token": "s3cret-token" } }))
        .status,
    ).toBe(200);
  });

  it("compares the token in constant time (hashes through timingSafeEqual)", async () => {
    const { store, claim } = setup({ token: "s3cret-token" });
    store.applyFields("api", buildFields({ status: "fail" }));
    vi.mocked(timingSafeEqual).mockClear();
    await claim("api", { name: "Alice" }, { authorization: "Bearer s" });
    expect(vi.mocked(timingSafeEqual)).toHaveBeenCalledTimes(1);
    const [a, b] = vi.mocked(timingSafeEqual).mock.calls[0]!;
    expect([a.byteLength, b.byteLength]).toEqual([32, 32]);
  });

  it("reads stay open when a writeToken is set", async () => {
    const { app } = setup({ token: "s3cret-token" });
    expect((await app.request("/api/state")).status).toBe(200);
    expect((await app.request("/api/tiles/api")).status).toBe(200);
  });

  it("writes are rate limited per client: 429 with Retry-After, other clients unaffected, refilled over time", async () => {
    const { store, claim, advance } = setup({ burst: 3 });
    store.applyFields("api", buildFields({ status: "fail" }));
    const from = (ip: string) => ({ incoming: { socket: { remoteAddress: ip } } });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await claim("api", { name: "A" }, {}, from("10.0.0.1"))).status);
    expect(codes).toEqual([200, 200, 200, 429]);
    const limited = await claim("api", { name: "A" }, {}, from("10.0.0.1"));
    expect(limited.headers.get("retry-after")).toBe("1");
    expect((await claim("api", { name: "B" }, {}, from("10.0.0.2"))).status).toBe(200);
    advance(1000);
    expect((await claim("api", { name: "A" }, {}, from("10.0.0.1"))).status).toBe(200);
  });

  it("wrong tokens count against the rate limit too", async () => {
    const { claim } = setup({ token: "s3cret-token", burst: 2 });
    const codes: number[] = [];
    for (let i = 0; i < 3; i++)
      codes.push((await claim("api", { name: "A" }, { authorization: `Bearer guess-${i}` })).status);
    expect(codes).toEqual([401, 401, 429]);
  });
});

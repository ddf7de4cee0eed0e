// deploy-events over real HTTP: POST /api/events/deploy with a per-source token, kept in the SQLite history.
import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer } from "../../collector/server.ts";
import type { Tile } from "../../collector/contract.ts";

const TOKEN = "deploy-token-0123456789";
const OTHER = "other-token-9876543210";
const T0 = Date.parse("2026-11-30T10:00:00Z");

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function setup(extra: object = {}): { configPath: string; dataDir: string } {
  const dir = mkdtempSync(join(tmpdir(), "radiator-deploys-"));
  const configPath = join(dir, "config.json");
  writeFileSync(
    configPath,
    JSON.stringify({
      ...extra,
      boards: [
        {
          id: "main",
          title: "Main",
          tiles: [
            {
              id: "api-deploys",
              title: "API deploys",
              kind: "deploy-events",
              token: TOKEN,
              environments: ["staging", "production"],
            },
            { id: "web-deploys", title: "Web", kind: "deploy-events", token: OTHER, environments: ["production"] },
          ],
        },
      ],
    }),
  );
  return { configPath, dataDir: join(dir, "data") };
}

let clock = T0;
async function start(paths: { configPath: string; dataDir: string }): Promise<RunningServer> {
  server = await startServer({ ...paths, port: 0, host: "127.0.0.1", watch: false, now: () => clock });
  return server;
}

function post(body: unknown, opts: { token?: string; query?: string } = {}): Promise<Response> {
  return fetch(`${server!.url}/api/events/deploy${opts.query ?? ""}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(opts.token !== undefined ? { authorization: `Bearer ${opts.token}` } : {}),
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function tile(id: string, pred: (t: Tile) => boolean): Promise<Tile> {
  const started = Date.now();
  for (;;) {
    const t = (await (await fetch(`${server!.url}/api/tiles/${id}`)).json()) as Tile;
    if (pred(t) || Date.now() - started > 5000) return t;
    await new Promise((r) => setTimeout(r, 30));
  }
}

const ok = { environment: "staging", version: "1.4.3", status: "success", by: "ansible", url: "https://ci.example/1" };

describe("deploy-events", () => {
  it("refuses a missing or wrong token, and another source's token with ?source", async () => {
    await start(setup());
    const none = await post(ok);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: string }).error).toBe(
      "the token (Authorization: Bearer …) is missing or belongs to no deploy source",
    );
    expect((await post(ok, { token: "wrong-token-000000000" })).status).toBe(401);
    const cross = await post(ok, { token: OTHER, query: "?source=api-deploys" });
    expect(cross.status).toBe(401);
    expect(JSON.stringify(await cross.json())).not.toContain(TOKEN);
    const missing = await post(ok, { token: TOKEN, query: "?source=nope" });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toBe(
      'no deploy source "nope"; sources: api-deploys, web-deploys',
    );
  });

  it("names each field that is off in a 400", async () => {
    await start(setup());
    const cases: [unknown, string][] = [
      [{ ...ok, status: "exploded" }, 'status "exploded" is not one of succeeded, failed, in_progress, rolled_back'],
      [{ ...ok, version: undefined }, "version is missing"],
      [{ ...ok, url: "javascript:alert(1)" }, "url must be an http(s) URL"],
      [{ ...ok, environment: "qa" }, 'environment "qa" is not one of this source\'s: staging, production'],
      [{ ...ok, extra: 1 }, "unknown field extra"],
      ["not json", "body is not JSON"],
      [[1], 'the body must be a JSON object {"environment", "version", "status", "by", "url"}'],
    ];
    for (const [body, error] of cases) {
      const res = await post(body, { token: TOKEN });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error.startsWith(error)).toBe(true);
    }
    // nothing refused was kept
    expect((await tile("api-deploys", (x) => x.lanes !== undefined)).lanes?.every((l) => l.version === null)).toBe(
      true,
    );
  });

  it("keeps events in the SQLite history: the lanes come back after a restart", async () => {
    const paths = setup();
    await start(paths);
    const res = await post(ok, { token: TOKEN });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({
      source: "api-deploys",
      event: {
        tile: "api-deploys",
        t: T0,
        type: "deploy",
        note: "ok",
        status: "succeeded",
        version: "1.4.3",
        environment: "staging",
        by: "ansible",
        url: "https://ci.example/1",
      },
    });
    clock = T0 + 60_000;
    const failed = { environment: "production", version: "1.4.3", status: "FAILED" };
    expect((await post(failed, { token: TOKEN, query: "?source=api-deploys" })).status).toBe(201);
    const t = await tile("api-deploys", (x) => x.status === "fail");
    expect(t.status).toBe("fail");
    expect(t.summary).toBe("production: 1.4.3 failed");
    expect(t.lanes?.map((l) => [l.environment, l.version, l.deploy, l.status])).toEqual([
      ["staging", "1.4.3", "succeeded", "ok"],
      ["production", "1.4.3", "failed", "fail"],
    ]);
    await server!.close();
    server = undefined;

    clock = T0 + 120_000;
    await start(paths);
    const again = await tile("api-deploys", (x) => x.checkedAt === new Date(clock).toISOString());
    expect(again.checkedAt).toBe(new Date(clock).toISOString());
    expect(again.lanes?.[0]).toEqual({
      environment: "staging",
      version: "1.4.3",
      deploy: "succeeded",
      status: "ok",
      at: new Date(T0).toISOString(),
      by: "ansible",
      url: "https://ci.example/1",
      recent: [
        {
          title: "1.4.3",
          status: "ok",
          detail: "succeeded · ansible",
          at: new Date(T0).toISOString(),
          url: "https://ci.example/1",
        },
      ],
    });
    expect(again.lanes?.[1]?.deploy).toBe("failed");
    // the other source saw none of it
    expect((await tile("web-deploys", (x) => x.lanes !== undefined)).lanes?.[0]?.version).toBe(null);
  });

  it("needs no viewer token: the source's token is the tool's credential", async () => {
    await start(setup({ viewToken: "viewer-token-0123456789" }));
    expect((await fetch(`${server!.url}/api/tiles/api-deploys`)).status).toBe(401);
    expect((await post(ok, { token: TOKEN })).status).toBe(201);
    expect((await post(ok, { token: "wrong-token-000000000" })).status).toBe(401);
  });

  it("is rate limited like every write", async () => {
    await start(setup());
    const codes: number[] = [];
    for (let i = 0; i < 22; i++) codes.push((await post(ok, { token: "wrong-token-000000000" })).status);
    expect(codes.filter((c) => c === 429).length).toBe(2);
  });
});

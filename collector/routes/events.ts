/**
 * `POST /api/events/:route` (`/api/events/deploy`): an event pushed in for a push kind's tile.
 * Rate limited like every write; authenticated by the tile's own token, not the write token.
 * `?source=ID` names the tile; without it the token must belong to exactly one tile of the route.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import type { TileEvent } from "../contract.ts";
import type { Runtime } from "../runtime.ts";
import type { TilePlan } from "../plan.ts";
import { givenToken, tokenMatches } from "./write-guard.ts";

const MAX_BODY_BYTES = 8192;

function pushTiles(rt: Runtime, route: string): TilePlan[] {
  return rt.plan.tiles.filter((t) => t.def.push?.route === route);
}

function tokenOf(t: TilePlan): string {
  const v = t.params[t.def.push!.tokenParam];
  return typeof v === "string" ? v : "";
}

/** The tile this request is for, or the answer that refuses it. Every token is compared, in constant time. */
function pick(c: Context, tiles: readonly TilePlan[], route: string): TilePlan | Response {
  const given = givenToken(c);
  const source = c.req.query("source");
  if (source !== undefined) {
    const tile = tiles.find((t) => t.id === source);
    if (!tile)
      return c.json(
        { error: `no ${route} source "${source.slice(0, 80)}"; sources: ${tiles.map((t) => t.id).join(", ")}` },
        404,
      );
    if (!given || !tokenMatches(tokenOf(tile), given))
      return c.json({ error: `the token (Authorization: Bearer …) is missing or not this source's` }, 401);
    return tile;
  }
  const matches = given ? tiles.filter((t) => tokenMatches(tokenOf(t), given)) : [];
  if (matches.length === 0)
    return c.json({ error: `the token (Authorization: Bearer …) is missing or belongs to no ${route} source` }, 401);
  // matches share a token: they must share a poll (identical params), or the request must say which
  if (matches.length > 1 && new Set(matches.map((m) => m.pollKey)).size > 1)
    return c.json(
      { error: `this token belongs to several sources; add ?source=ID (${matches.map((m) => m.id)})` },
      400,
    );
  return matches[0]!;
}

export function eventRoutes(rt: () => Runtime): Hono {
  const app = new Hono();

  app.post(
    "/api/events/:route",
    // the tile's own token stands in for the write token; the rate limit still applies first
    (c, next) => rt().guard.middleware(() => true)(c, next),
    async (c) => {
      const runtime = rt();
      const route = c.req.param("route");
      const tiles = pushTiles(runtime, route);
      if (tiles.length === 0)
        return c.json({ error: `no tile takes ${route} events (POST /api/events/${route})` }, 404);
      const tile = pick(c, tiles, route);
      if (tile instanceof Response) return tile;
      if (Number(c.req.header("content-length") ?? 0) > MAX_BODY_BYTES)
        return c.json({ error: "event body too large" }, 413);
      const text = await c.req.text();
      if (text.length > MAX_BODY_BYTES) return c.json({ error: "event body too large" }, 413);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return c.json({ error: "body is not JSON" }, 400);
      }
      const accepted = tile.def.push!.accept(body, tile.params as never);
      if ("error" in accepted) return c.json({ error: accepted.error }, 400);
      const event: TileEvent = { tile: tile.id, t: (runtime.now ?? Date.now)(), ...accepted.event };
      runtime.store.historyBackend.addEvent(event);
      runtime.scheduler.pollNow(tile.id);
      return c.json({ source: tile.id, event }, 201);
    },
  );

  return app;
}

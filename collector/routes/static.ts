/** The page's static build (web/dist): hashed assets are immutable, index.html never cached. */
import { Hono, type MiddlewareHandler } from "hono";
import { serveStatic } from "@hono/node-server/serve-static";
import { existsSync } from "node:fs";
import { join, relative } from "node:path";

export function staticRoutes(webRoot: string): Hono {
  const app = new Hono();
  const root = relative(process.cwd(), webRoot) || ".";
  // Made on first use: the build may appear after the collector starts (npm run build).
  let files: MiddlewareHandler | undefined;
  let index: MiddlewareHandler | undefined;
  const built = () => existsSync(join(webRoot, "index.html"));

  app.get("/assets/*", async (c, next) => {
    if (!built()) return c.notFound();
    files ??= serveStatic({ root });
    const res = await files(c, next);
    if (res instanceof Response && res.status === 200) res.headers.set("cache-control", "public, max-age=31536000, immutable");
    return res ?? c.notFound();
  });
  app.get("/favicon.svg", async (c, next) => {
    if (!built()) return c.notFound();
    files ??= serveStatic({ root });
    return (await files(c, next)) ?? c.notFound();
  });
  app.get("/", async (c, next) => {
    if (!built()) return c.text("The page is not built yet: run `npm run build` (npm start does it for you).", 503);
    index ??= serveStatic({ root, path: "index.html" });
    const res = await index(c, next);
    if (res instanceof Response) res.headers.set("cache-control", "no-cache");
    return res ?? c.notFound();
  });
  return app;
}

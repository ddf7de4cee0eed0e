/** The page's static build (web/dist): hashed assets are immutable, index.html never cached. */
import { Hono, type MiddlewareHandler } from "hono";
import { serveStatic } from "@hono/node-server/serve-static";
import { existsSync } from "node:fs";
import { join, relative } from "node:path";

export function staticRoutes(webRoot: string): Hono {
  const app = new Hono();
  const root = relative(process.cwd(), webRoot) || ".";
  // Made on first use: the build may appear after the collector starts (npm run build).
  let assets: MiddlewareHandler | undefined;
  const built = () => existsSync(join(webRoot, "index.html"));
  app.use("/assets/*", async (c, next) => {
    if (!built()) return c.notFound();
    assets ??= serveStatic({ root });
    await assets(c, next);
    if (c.res.status === 200) c.header("cache-control", "public, max-age=31536000, immutable");
  });
  app.use("/favicon.svg", async (c, next) => {
    if (!built()) return c.notFound();
    await serveStatic({ root })(c, next);
  });
  app.use("/", async (c, next) => {
    if (c.req.path !== "/") return next();
    if (!built()) return c.text("The page is not built yet: run `npm run build` (npm start does it for you).", 503);
    c.header("cache-control", "no-cache");
    await serveStatic({ root, path: "index.html" })(c, next);
  });
  return app;
}

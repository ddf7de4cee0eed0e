/** The page's static build (web/dist): hashed assets are immutable, index.html never cached. */
import { Hono } from "hono";
import { serveStatic } from "@hono/node-server/serve-static";
import { existsSync } from "node:fs";
import { join, relative } from "node:path";

export function staticRoutes(webRoot: string): Hono {
  const app = new Hono();
  const root = relative(process.cwd(), webRoot) || ".";
  app.use("/assets/*", async (c, next) => {
    await next();
    if (c.res.status === 200) c.header("cache-control", "public, max-age=31536000, immutable");
  });
  app.use("/assets/*", serveStatic({ root }));
  app.get("/favicon.svg", serveStatic({ root }));
  app.get("/", async (c, next) => {
    if (!existsSync(join(webRoot, "index.html"))) {
      return c.text("The page is not built yet: run `npm run build` (npm start does it for you).", 503);
    }
    c.header("cache-control", "no-cache");
    return serveStatic({ root, path: "index.html" })(c, next);
  });
  return app;
}

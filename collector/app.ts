/** Assembles the Hono app from routes/*. */
import { Hono } from "hono";
import type { Runtime } from "./runtime.ts";
import { healthRoutes } from "./routes/health.ts";
import { metricsRoutes } from "./routes/metrics.ts";
import { apiRoutes } from "./routes/api.ts";
import { claimRoutes } from "./routes/claims.ts";
import { statsRoutes } from "./routes/stats.ts";
import { eventRoutes } from "./routes/events.ts";
import { staticRoutes } from "./routes/static.ts";
import { securityHeaders, viewGuard } from "./security.ts";
import type { SecuritySettings } from "./config/security.ts";

const OPEN: SecuritySettings = { frameAncestors: ["'self'"] };

export function createApp(rt: () => Runtime): Hono {
  const app = new Hono();
  const security = () => rt().security ?? OPEN;
  app.use(securityHeaders(security));
  app.use(viewGuard(security));
  app.route("/", healthRoutes());
  app.route("/", metricsRoutes(rt));
  app.route("/", apiRoutes(rt));
  app.route("/", claimRoutes(rt));
  app.route("/", statsRoutes(rt));
  app.route("/", eventRoutes(rt));
  app.route("/", staticRoutes(rt().webRoot));
  app.notFound((c) => c.json({ error: `no route ${c.req.method} ${c.req.path}` }, 404));
  app.onError((err, c) => c.json({ error: `internal error: ${rt().services.redactor.redact(err.message)}` }, 500));
  return app;
}

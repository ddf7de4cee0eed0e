import { Hono } from "hono";
import type { Runtime } from "../runtime.ts";

/** This collector's own registry: another collector in the same process has its own. */
export function metricsRoutes(rt: () => Runtime): Hono {
  return new Hono().get("/metrics", async (c) => {
    const { registry } = rt().services.metrics;
    return c.text(await registry.metrics(), 200, { "content-type": registry.contentType });
  });
}

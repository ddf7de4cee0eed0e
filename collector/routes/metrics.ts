import { Hono } from "hono";
import { registry } from "../metrics.ts";

export function metricsRoutes(): Hono {
  return new Hono().get("/metrics", async (c) =>
    c.text(await registry.metrics(), 200, { "content-type": registry.contentType }));
}

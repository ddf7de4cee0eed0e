/** What the routes read: the live store, scheduler, hub and current plan. */
import type { Store } from "./store.ts";
import type { Scheduler } from "./scheduler.ts";
import type { Hub } from "./hub.ts";
import type { Plan } from "./plan.ts";
import type { WriteGuard } from "./routes/write-guard.ts";

export interface Runtime {
  store: Store;
  scheduler: Scheduler;
  hub: Hub;
  plan: Plan;
  /** Rate limit and write token for every write route. */
  guard: WriteGuard;
  version: string;
  /** The page's static build, served at `/`. */
  webRoot: string;
}

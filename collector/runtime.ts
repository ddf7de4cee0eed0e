/** What the routes read: the live store, scheduler, hub and current plan. */
import type { Store } from "./store.ts";
import type { Scheduler } from "./scheduler.ts";
import type { Hub } from "./hub.ts";
import type { Plan } from "./plan.ts";
import type { Services } from "./services.ts";
import type { SecuritySettings } from "./config/security.ts";
import type { WriteGuard } from "./routes/write-guard.ts";
import type { ClusterHandle } from "./cluster/node.ts";

export interface Runtime {
  store: Store;
  scheduler: Scheduler;
  hub: Hub;
  plan: Plan;
  /** This collector's redactor, metrics and log. */
  services: Services;
  /** Rate limit and write token for every write route. */
  guard: WriteGuard;
  version: string;
  /** The page's static build, served at `/`. */
  webRoot: string;
  /** Viewer token, WebSocket origins, frame-ancestors; left out: no token, any origin, frames from 'self'. */
  security?: SecuritySettings;
  /** The collector's clock (pushed events are dated by it); Date.now when left out. */
  now?: () => number;
  /** Cluster mode (`--cluster`): whether this replica leads, and writes forwarded to the leader. */
  cluster?: ClusterHandle;
}

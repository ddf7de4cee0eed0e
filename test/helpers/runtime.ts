/**
 * A collector's runtime in one process, without a server: the store, scheduler and hub wired as
 * `startServer` wires them, for route tests that call `createApp(() => rt).request(…)`. Each one
 * registers its own cleanup (timers, screens) with the caller's list.
 */
import { Store } from "../../collector/store.ts";
import { Scheduler } from "../../collector/scheduler.ts";
import { Hub } from "../../collector/hub.ts";
import type { Plan } from "../../collector/plan.ts";
import type { HistoryBackend } from "../../collector/history/types.ts";
import type { Runtime } from "../../collector/runtime.ts";
import { createServices } from "../../collector/services.ts";
import { WriteGuard } from "../../collector/routes/write-guard.ts";

export interface TestRuntimeOptions {
  now?: () => number;
  history?: HistoryBackend;
  /** Start the plan's polls (off: tiles stay as the test sets them). */
  poll?: boolean;
  /** The write guard; by default the plan's writeToken, at the guard's own rates. */
  guard?: (rt: Runtime) => WriteGuard;
  webRoot?: string;
  security?: Runtime["security"];
}

export function testRuntime(plan: Plan, cleanups: (() => void)[], opts: TestRuntimeOptions = {}): Runtime {
  const now = opts.now ?? Date.now;
  const services = createServices();
  const store = new Store(now, 0, opts.history, services.metrics);
  store.setPlans(plan.tiles);
  const scheduler = new Scheduler(store, { services });
  if (opts.poll) scheduler.apply(plan.tiles);
  const hub = new Hub(
    store,
    { version: "v1", title: plan.title, boards: plan.boards, families: plan.families },
    undefined,
    services,
  );
  cleanups.push(() => {
    scheduler.stop();
    hub.closeAll(1000, "");
    store.dispose();
  });
  const rt: Runtime = {
    store,
    scheduler,
    hub,
    plan,
    services,
    version: "v1",
    webRoot: opts.webRoot ?? "/nonexistent",
    security: opts.security,
    guard: undefined as unknown as WriteGuard,
  };
  rt.guard = opts.guard?.(rt) ?? new WriteGuard({ token: () => rt.plan.writeToken, now });
  return rt;
}

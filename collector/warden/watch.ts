/** Keeps the screens' fire warden current: at a turn of the rota, and when the on-call tile changes. */
import type { WardenNow } from "../contract.ts";
import type { Hub } from "../hub.ts";
import type { Plan } from "../plan.ts";
import type { Store } from "../store.ts";
import { currentWarden } from "./rota.ts";

const CHECK_MS = 30_000;

export interface WardenWatch {
  /** Compute again now (after a reload, say) and tell the screens if it changed. */
  check(): void;
  current(): WardenNow | null;
  stop(): void;
}

export function watchWarden(store: Store, hub: Hub, plan: () => Plan, now: () => number): WardenWatch {
  const compute = () => currentWarden(plan().warden, now(), (id) => store.get(id));
  let last = compute();
  hub.setWarden(last);
  const check = () => {
    const next = compute();
    if (JSON.stringify(next) === JSON.stringify(last)) return;
    last = next;
    hub.setWarden(next);
  };
  const timer = setInterval(check, CHECK_MS);
  timer.unref?.();
  const off = store.onPatch((p) => {
    const id = plan().warden?.tile;
    if (id && p.tiles.some((t) => t.id === id)) check();
  });
  return {
    check,
    current: () => last,
    stop: () => {
      clearInterval(timer);
      off();
    },
  };
}

import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  root,
  test: {
    environment: "node",
    // RADIATOR_FROM_SOURCE: a collector process a test starts runs the TypeScript sources, never a stale dist/.
    env: { RADIATOR_LOG_LEVEL: "error", RADIATOR_FROM_SOURCE: "1" },
    expect: { requireAssertions: true },
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"], sequence: { groupOrder: 0 } } },
      {
        extends: true,
        test: { name: "contract", include: ["test/contract/**/*.test.ts"], sequence: { groupOrder: 0 } },
      },
      // Real processes (collector, Prometheus, Chromium): fewer at once on two cores.
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          testTimeout: 90_000,
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 90_000,
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});

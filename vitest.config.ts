import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    projects: [
      {
        extends: true,
        // Pure logic, no services: colocated with the code under lib/ and components/.
        test: { name: "unit", include: ["lib/**/*.test.ts", "components/**/*.test.ts", "e2e/config/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        // Real PostgreSQL, LiveKit and the running app, started by scripts/test.sh.
        test: {
          name: "integration",
          include: ["e2e/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        // The production topology (proxy, Redis, two LiveKit nodes, two app instances), started
        // by scripts/test.sh after the other suites (profile prod-test, scripts/lib/topology.sh).
        test: {
          name: "topology",
          include: ["e2e/topology/**/*.test.ts"],
          environment: "node",
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

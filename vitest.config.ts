import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // Server modules are imported directly in tests (see tests/support/server-only.ts).
  "server-only": path.resolve(import.meta.dirname, "tests/support/server-only.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: [
            "lib/**/*.test.ts",
            "components/**/*.test.ts",
            "scripts/**/*.test.ts",
            "tests/fixtures/**/*.test.ts",
          ],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          // One real database per run, shared by all files: run them one at a time.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          setupFiles: ["tests/integration/setup.ts"],
        },
      },
      {
        resolve: { alias },
        test: {
          // The shared corpus (../shared/corpus or PARALLAX_CORPUS): the `corpus` stage of `npm test`.
          name: "corpus",
          include: ["tests/corpus/**/*.test.ts"],
          environment: "node",
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          setupFiles: ["tests/integration/setup.ts"],
        },
      },
      {
        resolve: { alias },
        test: {
          // Several built app instances on one database (npm test's "instances" stage builds first).
          name: "instances",
          include: ["tests/instances/**/*.test.ts"],
          environment: "node",
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 120_000,
          setupFiles: ["tests/integration/setup.ts"],
        },
      },
    ],
  },
});

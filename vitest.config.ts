import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

const TEST_VARS = {
  JWT_SECRET: "test-secret-that-is-long-enough-for-hs256-0123456789",
  BCRYPT_COST: "4",
  CORS_ORIGINS: "http://localhost:5173",
  APP_VERSION: "test",
  // Every problem a route answers must be one its OpenAPI operation declares.
  STRICT_PROBLEM_CODES: "true",
};

export default defineConfig({
  test: {
    // At the root, not in the worker project: that project resolves modules for
    // workerd, and the stack's Node modules (ioredis, pg) must load as Node code.
    globalSetup: ["./test/global-setup.ts"],
    projects: [
      "web/vitest.config.ts",
      {
        test: {
          name: "node",
          include: ["test/node/**/*.test.ts"],
          environment: "node",
          testTimeout: 30_000,
        },
      },
      {
        plugins: [
          cloudflareTest(({ inject }) => ({
            main: "./src/index.ts",
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                ...TEST_VARS,
                ...inject("stackBindings"),
                DIRECT_DATABASE_URL: inject("directDatabaseUrl"),
              },
            },
          })),
        ],
        test: {
          name: "worker",
          include: ["src/**/*.test.ts"],
          // One file at a time: several tests assert global ledger invariants, and one
          // tampers with a balance on purpose to prove reconciliation catches it.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

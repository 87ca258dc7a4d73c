import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // `server-only` throws outside a React Server Components bundle; tests run in plain Node.
      "server-only": path.resolve(__dirname, "lib/test/server-only-stub.ts"),
    },
  },
  test: {
    // Run id for freshDatabase() and cleanup of the databases it leaves (lib/test/db.ts).
    globalSetup: ["lib/test/db-global-setup.ts"],
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts", "tools/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// `npm run screenshots`: the README's pictures, taken from the same e2e stack as the browser tests
// (a fresh database, the sandbox's example company). Not part of `npm test`: the e2e config only
// runs e2e/**/*.spec.ts.
export default defineConfig({
  ...base,
  testDir: "scripts",
  testMatch: "screenshots.ts",
  retries: 0,
  use: { ...base.use, viewport: { width: 1280, height: 800 }, colorScheme: "light" },
});

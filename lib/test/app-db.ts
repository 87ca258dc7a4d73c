import { afterAll, beforeAll } from "vitest";
import { freshDatabase, type TestDatabase } from "./db";

/**
 * In a describe block: a fresh database (of the kind TEST_DB selects) for its tests, made the
 * app's DATABASE_URL before the block's other beforeAll hooks run — the app's db() reads it on
 * first use and keeps it, so one per file — and removed after the block's other afterAll hooks.
 * The returned object is filled in when the block starts: read it inside hooks and tests.
 */
export function setupAppDatabase(): TestDatabase {
  const t = {} as TestDatabase;
  beforeAll(async () => {
    Object.assign(t, await freshDatabase());
    process.env.DATABASE_URL = t.url;
  });
  afterAll(() => (t as Partial<TestDatabase>).cleanup?.());
  return t;
}

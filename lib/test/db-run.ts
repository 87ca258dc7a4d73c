import os from "node:os";
import path from "node:path";

// Names shared by the test database helper (in the workers) and its global setup (in the main
// Vitest process): everything one run creates carries the run id, so the teardown removes
// exactly this run's leftovers and nothing else.

export const TEST_DB_PREFIX = "gatehouse_test_";
const defaultTestPostgresUrl = "postgresql://postgres@127.0.0.1:5432/postgres";

export function testDbKind(): "sqlite" | "postgresql" {
  return process.env.TEST_DB === "postgres" || process.env.TEST_DB === "postgresql" ? "postgresql" : "sqlite";
}

export function testPostgresUrl(): string {
  return process.env.TEST_POSTGRES_URL || defaultTestPostgresUrl;
}

export function runDir(runId: string): string {
  return path.join(os.tmpdir(), `gatehouse-test-${runId}`);
}

declare module "vitest" {
  export interface ProvidedContext {
    gatehouseTestRun: string;
  }
}

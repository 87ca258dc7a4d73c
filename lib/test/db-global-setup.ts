import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { dropDatabase, listDatabases } from "../../scripts/prisma/postgres-admin";
import { runDir, TEST_DB_PREFIX, testDbKind, testPostgresUrl } from "./db-run";

// Vitest global setup: gives the run an id and, at the end, removes what freshDatabase()
// left behind in this run (per-file template databases, databases of crashed tests).

export default function setup(project: TestProject) {
  const runId = randomBytes(4).toString("hex");
  project.provide("gatehouseTestRun", runId);
  return async () => {
    rmSync(runDir(runId), { recursive: true, force: true });
    if (testDbKind() !== "postgresql") return;
    const server = testPostgresUrl();
    for (const name of await listDatabases(server, `${TEST_DB_PREFIX}${runId}_`)) await dropDatabase(server, name);
  };
}

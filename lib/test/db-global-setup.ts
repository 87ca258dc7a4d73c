import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { dropDatabase, listDatabases } from "../../tools/prisma-offline";
import { runDir, TEST_DB_PREFIX, testDbKind, testPostgresUrl } from "./db-run";

// Vitest global setup: gives the run an id and, at the end, removes what freshDatabase()
// left behind in this run (per-file template databases, databases of crashed tests).

export default function setup(project: TestProject) {
  const runId = randomBytes(4).toString("hex");
  project.provide("gatehouseTestRun", runId);
  // The audit log's key and anchor (lib/audit), new for each run and inherited by the workers
  // and the processes they start: never a key from a file, never the checkout's .data/ anchor.
  process.env.AUDIT_KEY ||= randomBytes(32).toString("base64url");
  process.env.AUDIT_ANCHOR_FILE ||= path.join(runDir(runId), "audit-anchor.log");
  return async () => {
    rmSync(runDir(runId), { recursive: true, force: true });
    if (testDbKind() !== "postgresql") return;
    const server = testPostgresUrl();
    for (const name of await listDatabases(server, `${TEST_DB_PREFIX}${runId}_`))
      await dropDatabase(server, name);
  };
}

// A second process for the crash test: executes one request against the sandbox until the test
// kills it with SIGKILL. Run as `node --import tsx` (one process, so the kill hits the executor)
// with TSX_TSCONFIG_PATH=lib/changes/testing/tsconfig.child.json (server-only stub).
import pino from "pino";
import { createIamClients } from "@/lib/iam/client";
import { configureChanges, executeRequest } from "../index";
import { registerFixtureKinds } from "./fixture-kinds";

const { SANDBOX_URL, REQUEST_ID, LEASE_MS, EXECUTOR } = process.env;
if (!SANDBOX_URL || !REQUEST_ID || !EXECUTOR)
  throw new Error("crash-child needs SANDBOX_URL, REQUEST_ID, EXECUTOR and DATABASE_URL");

registerFixtureKinds();
const { iam } = createIamClients({ mode: "sandbox", endpoint: SANDBOX_URL });
configureChanges({
  iam: async () => iam,
  logger: () => pino({ level: "silent" }),
  leaseMs: Number(LEASE_MS ?? 1500),
});

executeRequest(REQUEST_ID, { id: "child", email: EXECUTOR, name: null, role: "admin" }).then(
  ({ request }) => {
    process.stdout.write(`finished ${request.status}\n`);
    process.exit(0);
  },
  (e: unknown) => {
    process.stderr.write(`failed ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);

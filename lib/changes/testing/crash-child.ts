// A second process for the crash test: executes one request against the sandbox until the test
// kills it with SIGKILL. Run as `node --import tsx` (one process, so the kill hits the executor)
// with TSX_TSCONFIG_PATH=lib/changes/testing/tsconfig.child.json (server-only stub).
import { executeRequest } from "../index";
import { configureChildEngine } from "./child-process";

const { REQUEST_ID, EXECUTOR } = configureChildEngine("crash-child", ["REQUEST_ID", "EXECUTOR"], {
  leaseMs: Number(process.env.LEASE_MS ?? 1500),
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

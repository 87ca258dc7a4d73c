// One "app instance" for the exactly-once test and benchmark: picks up every queued (approved),
// failed or stalled request it can see and executes it under the engine's lease, until none is
// left or its deadline passes. Two of these run at once against one PostgreSQL database.
// Run as `node --import tsx` with TSX_TSCONFIG_PATH=lib/changes/testing/tsconfig.child.json.
import { db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { executeRequest, retryRequest } from "../index";
import { configureChildEngine } from "./child-process";

const { HOLDER, DEADLINE_MS, EXECUTOR } = configureChildEngine("executor-child", ["HOLDER", "EXECUTOR"], {
  leaseMs: 5_000,
  backoffBaseMs: 50,
  backoffCapMs: 1_000,
});

const actor = { id: HOLDER, email: EXECUTOR, name: null, role: "admin" as const };
const deadline = Date.now() + Number(DEADLINE_MS ?? 120_000);
const stats = { holder: HOLDER, executed: 0, retried: 0, refused: 0, failedRuns: 0 };

async function work(): Promise<void> {
  while (Date.now() < deadline) {
    const open = await db().changeRequest.findMany({
      where: { status: { in: ["approved", "executing", "failed"] } },
      select: { id: true, status: true, leaseUntil: true },
    });
    if (open.length === 0) return;
    // Each instance walks the queue in its own random order, so the two really do collide.
    const todo = open
      .filter((r) => r.status !== "executing" || !r.leaseUntil || r.leaseUntil < new Date())
      .sort(() => Math.random() - 0.5);
    if (todo.length === 0) await new Promise((r) => setTimeout(r, 100));
    for (const r of todo) {
      try {
        const { request } =
          r.status === "approved" ? await executeRequest(r.id, actor) : await retryRequest(r.id, actor);
        if (r.status === "approved") stats.executed++;
        else stats.retried++;
        if (request.status === "failed") stats.failedRuns++;
      } catch (e) {
        // The other instance holds the lease or already finished it: exactly what must happen.
        if (e instanceof UserError) stats.refused++;
        else throw e;
      }
    }
  }
}

work().then(
  async () => {
    process.stdout.write(`${JSON.stringify(stats)}\n`);
    await db().$disconnect();
    process.exit(0);
  },
  (e: unknown) => {
    process.stderr.write(`executor ${HOLDER} crashed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);

// The exactly-once scenario shared by lib/changes/exactly-once.db.test.ts (10 requests) and
// scripts/bench-load.ts (100): queue approved requests, let two executor processes race for
// them under injected faults, then check every request completed once — in the database, the
// audit chain and the sandbox's state.
import { CreateUserCommand, type IAMClient } from "@aws-sdk/client-iam";
import type { Actor } from "@/lib/auth/session";
import { groupsOfUser } from "@/lib/iam";
import { verifyChain } from "@/lib/audit";
import { db } from "@/lib/db";
import { approveRequest, createChangeRequest } from "../index";
import { spawnChild } from "./child-process";

const requester: Actor = {
  id: "m-queue-op",
  email: "queue-operator@example.com",
  name: "Queue Operator",
  role: "operator",
};
const approver: Actor = {
  id: "m-queue-admin",
  email: "queue-admin@example.com",
  name: "Queue Admin",
  role: "admin",
};
const USERS = 10;

export type Queued = { id: string; userName: string; groupName: string };

/** n approved two-step requests (create a group, add a user to it), spread over ten users. */
export async function queueRequests(iam: IAMClient, n: number, prefix: string): Promise<Queued[]> {
  // Approvals count only for active admins on the team.
  await db().member.upsert({
    where: { email: approver.email },
    create: { email: approver.email, name: approver.name, role: "admin" },
    update: {},
  });
  for (let u = 0; u < Math.min(USERS, n); u++)
    await iam.send(new CreateUserCommand({ UserName: `${prefix}-u${u}` }));
  const queued: Queued[] = [];
  for (let i = 0; i < n; i++) {
    const userName = `${prefix}-u${i % USERS}`;
    const groupName = `${prefix}-g${i}`;
    const created = await createChangeRequest(
      "test.join-new-groups",
      { userName, groups: [groupName] },
      requester,
    );
    await approveRequest(created.id, created.planHash, approver);
    queued.push({ id: created.id, userName, groupName });
  }
  return queued;
}

export type ExecutorStats = {
  holder: string;
  executed: number;
  retried: number;
  refused: number;
  failedRuns: number;
};

/** One executor process (lib/changes/testing/executor-child.ts) until the queue is empty. */
export function runExecutor(opts: {
  databaseUrl: string;
  sandboxUrl: string;
  holder: string;
  deadlineMs: number;
}): Promise<ExecutorStats> {
  const child = spawnChild("executor-child", {
    DATABASE_URL: opts.databaseUrl,
    SANDBOX_URL: opts.sandboxUrl,
    HOLDER: opts.holder,
    EXECUTOR: `${opts.holder}@example.com`,
    DEADLINE_MS: String(opts.deadlineMs),
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split("\n").pop()!) as ExecutorStats)
        : reject(new Error(`executor ${opts.holder} exited ${code}: ${err.slice(-2000)}`)),
    );
  });
}

export type ExactlyOnceReport = {
  requests: number;
  succeeded: number;
  stepRows: number;
  stepsDone: number;
  stepsSkipped: number;
  stepDoneEvents: number;
  /** step.done audit entries for the same (request, step) beyond the first: must be 0. */
  duplicateStepEvents: number;
  /** Done steps without their one step.done entry, or entries without a done step: must be 0. */
  stepEventMismatches: number;
  /** Requests whose user is not (or not only once) in its group in the sandbox: must be 0. */
  stateMismatches: number;
  chainOk: boolean;
  chainEntries: number;
};

export async function checkExactlyOnce(iam: IAMClient, queued: Queued[]): Promise<ExactlyOnceReport> {
  const ids = queued.map((q) => q.id);
  const rows = await db().changeRequest.findMany({
    where: { id: { in: ids } },
    select: { id: true, status: true },
  });
  const steps = await db().changeStep.findMany({
    where: { requestId: { in: ids } },
    select: { requestId: true, order: true, status: true },
  });
  const events = await db().auditEvent.findMany({
    where: { requestId: { in: ids }, action: "step.done" },
    select: { requestId: true, data: true },
  });
  const seen = new Map<string, number>();
  for (const e of events) {
    const key = `${e.requestId}#${(e.data as { order: number }).order}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const done = steps.filter((s) => s.status === "done");
  const doneKeys = new Set(done.map((s) => `${s.requestId}#${s.order}`));
  const mismatches =
    done.filter((s) => !seen.has(`${s.requestId}#${s.order}`)).length +
    [...seen.keys()].filter((k) => !doneKeys.has(k)).length;

  const groupsByUser = new Map<string, string[]>();
  for (const userName of new Set(queued.map((q) => q.userName))) {
    groupsByUser.set(userName, await groupsOfUser(iam, userName));
  }
  const stateMismatches = queued.filter(
    (q) => (groupsByUser.get(q.userName) ?? []).filter((g) => g === q.groupName).length !== 1,
  ).length;
  const chain = await verifyChain();
  return {
    requests: rows.length,
    succeeded: rows.filter((r) => r.status === "succeeded").length,
    stepRows: steps.length,
    stepsDone: done.length,
    stepsSkipped: steps.filter((s) => s.status === "skipped").length,
    stepDoneEvents: events.length,
    duplicateStepEvents: [...seen.values()].reduce((n, c) => n + (c - 1), 0),
    stepEventMismatches: mismatches,
    stateMismatches,
    chainOk: chain.ok,
    chainEntries: chain.entries,
  };
}

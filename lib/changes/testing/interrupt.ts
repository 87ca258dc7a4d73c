// Test support for interrupted executions: an executor killed mid-plan, or one that died holding
// its lease. Used by the resume, lease and offboarding integration tests.
import type { Harness } from "./harness";
import { spawnChild } from "./child-process";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` every 50 ms until it gives a truthy value; throws after `ms`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  ms = 20_000,
): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) {
    const v = await probe();
    if (v) return v;
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Leaves an executing request as an executor that died holding an expired lease would. */
export async function leaseHeldByDeadExecutor(h: Harness, requestId: string, executor: string) {
  await h.t.db.changeRequest.update({
    where: { id: requestId },
    data: {
      status: "executing",
      executor,
      leaseHolder: "dead",
      leaseUntil: new Date(Date.now() - 1),
    },
  });
}

/**
 * Executes the approved request in a child process (crash-child.ts, lease 1.5 s) with the sandbox
 * slowed, and kills it with SIGKILL once `doneSteps` steps are done. Returns the signal the child
 * died of; the sandbox is back to normal speed.
 */
export async function killExecutorMidPlan(
  h: Harness,
  requestId: string,
  executor: string,
  doneSteps: number,
): Promise<NodeJS.Signals | null> {
  h.sandbox.admin.setFaults({ latencyMs: 300 });
  const child = spawnChild("crash-child", {
    DATABASE_URL: h.t.url,
    SANDBOX_URL: h.sandbox.url,
    REQUEST_ID: requestId,
    EXECUTOR: executor,
    LEASE_MS: "1500",
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on("exit", (_code, signal) => resolve(signal)),
  );
  try {
    // Generous: the child compiles TypeScript at start, slow on a busy CI machine.
    await waitFor(
      `${doneSteps} steps done`,
      async () => (await h.t.db.changeStep.count({ where: { requestId, status: "done" } })) >= doneSteps,
      90_000,
    );
  } finally {
    child.kill("SIGKILL");
  }
  const signal = await exited;
  h.sandbox.admin.setFaults({});
  return signal;
}

import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { db } from "@/lib/db";
import { config } from "./context";

// The lease decides which executor runs a request: a conditional UPDATE that only one of two
// racing instances can win (the row's lease is free, expired, or already ours). The database
// makes the decision, so it holds across app instances sharing one PostgreSQL.

const processId = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

/**
 * One rule for when a lease holds, shared by the views and the conditional updates: from
 * `leaseUntil` on, it is free. (The views once said "free" at that very millisecond while the
 * updates still said "held", so a resume pass that ran in the same millisecond as the check found
 * nothing to do.)
 */
export const leaseHeld = (leaseUntil: Date | null, now = new Date()) =>
  leaseUntil !== null && leaseUntil > now;

/** The `where` alternatives of a lease that is free at `now` (never taken, released, or run out). */
export const leaseFree = (now: Date) => [{ leaseUntil: null }, { leaseUntil: { lte: now } }];

/** A holder id unique to this process and this call. */
export function newHolder(label = "exec"): string {
  return `${processId}:${label}:${randomBytes(4).toString("hex")}`;
}

/** Takes the lease if it is free and the request is in one of `statuses`; true when we hold it. */
export async function acquireLease(
  id: string,
  holder: string,
  statuses: string[],
  data: Record<string, unknown> = {},
): Promise<boolean> {
  const now = new Date();
  const { count } = await db().changeRequest.updateMany({
    where: {
      id,
      status: { in: statuses },
      OR: [...leaseFree(now), { leaseHolder: holder }],
    },
    data: { ...data, leaseHolder: holder, leaseUntil: new Date(now.getTime() + config().leaseMs) },
  });
  return count === 1;
}

async function renewLease(id: string, holder: string): Promise<boolean> {
  const { count } = await db().changeRequest.updateMany({
    where: { id, leaseHolder: holder },
    data: { leaseUntil: new Date(Date.now() + config().leaseMs) },
  });
  return count === 1;
}

export async function releaseLease(id: string, holder: string): Promise<void> {
  await db().changeRequest.updateMany({
    where: { id, leaseHolder: holder },
    data: { leaseHolder: null, leaseUntil: null },
  });
}

/** Renews every third of the lease while work runs; `lost()` turns true if another holder took over. */
export function keepLease(id: string, holder: string): { lost: () => boolean; stop: () => void } {
  let lost = false;
  const timer = setInterval(
    () => {
      renewLease(id, holder)
        .then((ok) => {
          if (!ok) lost = true;
        })
        .catch((e) =>
          config()
            .logger()
            .warn(
              { requestId: id, err: e instanceof Error ? e.message : String(e) },
              "changes: lease renewal failed",
            ),
        );
    },
    Math.max(250, Math.floor(config().leaseMs / 3)),
  );
  timer.unref();
  return { lost: () => lost, stop: () => clearInterval(timer) };
}

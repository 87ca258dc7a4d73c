import { credentialOps } from "./credentials";
import { groupPolicyOps } from "./groups-policies";
import { roleOps } from "./roles";
import type { Op } from "./types";
import { userOps } from "./users";
import { verifyOps } from "./verify";
import { waitOps } from "./wait";

/** Every IAM write Gatehouse can make. A step's `op` must be a key of this table. */
export const ops: Record<string, Op> = {
  ...userOps,
  ...credentialOps,
  ...groupPolicyOps,
  ...roleOps,
  ...verifyOps,
  ...waitOps,
};

export function opOf(op: string): Op {
  const spec = Object.hasOwn(ops, op) ? ops[op] : undefined;
  if (!spec) throw new Error(`Unknown IAM operation in a plan: ${op}`);
  return spec;
}

export type { IamResourceType, Op, OpContext, OpOutcome, OpStep } from "./types";

import { credentialOps } from "./credentials";
import { groupPolicyOps } from "./groups-policies";
import { roleOps } from "./roles";
import type { AnyOpSpec } from "./types";
import { userOps } from "./users";
import { verifyOps } from "./verify";

/** Every IAM write Gatehouse can make. A step's `op` must be a key of this table. */
export const ops: Record<string, AnyOpSpec> = {
  ...userOps,
  ...credentialOps,
  ...groupPolicyOps,
  ...roleOps,
  ...verifyOps,
};

export function opSpec(op: string): AnyOpSpec {
  const spec = ops[op];
  if (!spec) throw new Error(`Unknown IAM operation in a plan: ${op}`);
  return spec;
}

export type { AnyOpSpec, IamResourceType, OpContext, OpOutcome } from "./types";

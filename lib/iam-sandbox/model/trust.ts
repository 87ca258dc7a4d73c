import { evaluate, type PolicyDocument, type Principal, type RequestContextInput } from "@/lib/policy";
import { documentOf } from "./principal-policies";
import type { Role } from "./types";

// A role's trust policy, for AssumeRole (docs/iam-facts.md#assumerole). lib/policy's evaluator
// decides Action and Condition; who the statement names (Principal) is matched here, because
// only trust and resource policies have one.

export interface TrustCaller {
  /** the caller's ARN as a trust policy names it: the user ARN, or the role ARN of a session */
  arn: string;
  /** the assumed-role session ARN, which a trust policy may also name */
  sessionArn?: string;
  /** the caller's own account */
  accountId: string;
}

export type TrustDecision = "names-session" | "names-caller" | "names-account" | "denied" | "not-trusted";

type Named = "session" | "caller" | "account";
/** A statement naming the caller more narrowly decides more of the request. */
const NARROWER: Record<Named, number> = { account: 1, caller: 2, session: 3 };

function principalNames(p: Principal | undefined, caller: TrustCaller): Named | undefined {
  if (p === undefined) return undefined;
  if (p === "*") return "caller";
  const values = p.AWS ?? [];
  if (caller.sessionArn && values.includes(caller.sessionArn)) return "session";
  if (values.includes("*") || values.includes(caller.arn)) return "caller";
  if (values.includes(caller.accountId) || values.includes(`arn:aws:iam::${caller.accountId}:root`))
    return "account";
  return undefined;
}

/**
 * Does the trust policy let the caller assume the role (`action` sts:AssumeRole), or tag the
 * session (sts:TagSession)? A statement that names the caller itself is enough, within the
 * caller's session policies unless it names the very session ("names-session"); one that names
 * only the account leaves the decision to the caller's identity policies ("names-account"). A
 * matching Deny wins.
 */
export function trustDecision(
  role: Role,
  roleArn: string,
  caller: TrustCaller,
  context: RequestContextInput,
  action: "sts:AssumeRole" | "sts:TagSession" = "sts:AssumeRole",
): TrustDecision {
  const doc = documentOf(role.trustPolicy, "trust");
  const request = { action, resource: roleArn, context };
  let best: Named | undefined;
  for (const statement of doc.Statement) {
    const names = principalNames(statement.Principal, caller);
    if (!names) continue;
    const one: PolicyDocument = { Version: doc.Version, Statement: [{ ...statement, Principal: undefined }] };
    const { decision } = evaluate(request, [{ document: one, source: null }]);
    if (decision === "explicitDeny") return "denied";
    if (decision === "allowed" && (!best || NARROWER[names] > NARROWER[best])) best = names;
  }
  return best ? `names-${best}` : "not-trusted";
}

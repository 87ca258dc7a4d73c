import "server-only";
import { GetRoleCommand, paginateSimulatePrincipalPolicy, type IAMClient } from "@aws-sdk/client-iam";
import { ops } from "@/lib/changes";
import { actionMatches } from "@/lib/policy";
import { APP_READS, appPolicy } from "./app-policy";
import { toIamError } from "./errors";
import { allPages } from "./pages";
import type { AppIdentity } from "./principal";

// What the app's own identity may do of what Gatehouse needs: iam:SimulatePrincipalPolicy with
// every action of the app policy, statement by statement, on that statement's resource in the
// caller's account (docs/iam-facts.md#simulating-policies). Settings → Connection shows it.

/**
 * The reads the app makes that the app policy grants only by wildcard (iam:Get*, iam:List*):
 * SimulatePrincipalPolicy takes no wildcards, so these stand for them.
 * permission-check.test.ts checks that this is every such read in the app's source.
 */
export const WILDCARD_READS = [
  "iam:GetAccessKeyLastUsed",
  "iam:GetGroup",
  "iam:GetGroupPolicy",
  "iam:GetInstanceProfile",
  "iam:GetLoginProfile",
  "iam:GetPolicy",
  "iam:GetPolicyVersion",
  "iam:GetRole",
  "iam:GetServiceLastAccessedDetails",
  "iam:GetUser",
  "iam:GetUserPolicy",
  "iam:ListAccessKeys",
  "iam:ListAttachedGroupPolicies",
  "iam:ListAttachedRolePolicies",
  "iam:ListAttachedUserPolicies",
  "iam:ListGroupPolicies",
  "iam:ListGroupsForUser",
  "iam:ListMFADevices",
  "iam:ListPolicies",
  "iam:ListPolicyVersions",
  "iam:ListRolePolicies",
  "iam:ListSSHPublicKeys",
  "iam:ListServiceSpecificCredentials",
  "iam:ListSigningCertificates",
  "iam:ListUserPolicies",
  "iam:ListUserTags",
] as const;

export type DeniedAction = {
  action: string;
  decision: "implicitDeny" | "explicitDeny";
  /** condition keys the decision depended on that the simulation had no value for */
  missingContext: string[];
};

export type StatementCheck = { sid: string; resource: string; actions: string[]; denied: DeniedAction[] };

export type PermissionCheck =
  | {
      status: "checked";
      /** the user or role whose policies were simulated */
      simulatedArn: string;
      statements: StatementCheck[];
      /** distinct actions simulated */
      actionCount: number;
      denied: string[];
      summary: string;
    }
  | { status: "skipped"; reason: string }
  | { status: "failed"; problem: string };

/** The app policy's statements with concrete actions and the caller's partition and account. */
export function simulatedStatements(partition: string, accountId: string) {
  return appPolicy().Statement.map((st) => ({
    sid: st.Sid,
    resource: st.Resource.replace(/^arn:aws:(\w+)::\*:/, `arn:${partition}:$1::${accountId}:`),
    actions: [...new Set(st.Action.flatMap(concrete))],
  }));
}

function concrete(action: string): string[] {
  if (!action.includes("*")) return [action];
  const reads = WILDCARD_READS.filter((r) => actionMatches(action, r));
  if (reads.length === 0) throw new Error(`No concrete reads stand for ${action} (WILDCARD_READS)`);
  return reads;
}

/** Checks the identity's permissions with the client it signs with (the app's, or a test's). */
export async function checkAppPermissions(iam: IAMClient, identity: AppIdentity): Promise<PermissionCheck> {
  if (identity.kind !== "user" && identity.kind !== "assumed-role")
    return { status: "skipped", reason: SKIPPED[identity.kind] };
  let step = "iam:GetRole";
  try {
    const simulatedArn =
      identity.kind === "user"
        ? identity.arn
        : (await iam.send(new GetRoleCommand({ RoleName: identity.roleName }))).Role!.Arn!;
    step = "iam:SimulatePrincipalPolicy";
    const statements = await Promise.all(
      simulatedStatements(identity.partition, identity.accountId).map(async (st) => {
        const results = await allPages(
          paginateSimulatePrincipalPolicy(
            { client: iam },
            {
              PolicySourceArn: simulatedArn,
              ActionNames: st.actions,
              ...(st.resource === "*" ? {} : { ResourceArns: [st.resource] }),
            },
          ),
          (page) => page.EvaluationResults,
        );
        const denied = results
          .filter((r) => r.EvalDecision !== "allowed")
          .map((r) => ({
            action: r.EvalActionName!,
            decision:
              r.EvalDecision === "explicitDeny" ? ("explicitDeny" as const) : ("implicitDeny" as const),
            missingContext: r.MissingContextValues ?? [],
          }));
        return { ...st, denied };
      }),
    );
    const all = new Set(statements.flatMap((s) => s.actions));
    const denied = [...new Set(statements.flatMap((s) => s.denied.map((d) => d.action)))].sort();
    return {
      status: "checked",
      simulatedArn,
      statements,
      actionCount: all.size,
      denied,
      summary: summary(all.size, denied),
    };
  } catch (e) {
    return { status: "failed", problem: problem(e, step, identity) };
  }
}

const SKIPPED: Record<Exclude<AppIdentity["kind"], "user" | "assumed-role">, string> = {
  root:
    "AWS cannot simulate the root user (SimulatePrincipalPolicy takes an IAM user, group or role), and no " +
    "identity policy limits the root: it may do everything.",
  "federated-user":
    "A federated-user session acts with its IAM user's policies narrowed by the session's policy; its ARN " +
    "does not name that user, so AWS cannot simulate it.",
  unknown: "This is not the ARN of an IAM user or a role session, so there is nothing to simulate.",
};

function summary(total: number, denied: string[]): string {
  if (denied.length === 0) return `All ${total} actions Gatehouse uses are allowed.`;
  const isRead = (a: string) => APP_READS.some((p) => actionMatches(p, a));
  const steps = Object.entries(ops)
    .filter(([, op]) =>
      denied.some(
        (a) => (op.iam as readonly string[]).includes(a) || (a === "iam:PassRole" && op.passesRole),
      ),
    )
    .map(([name]) => name);
  const reads = denied.filter(isRead);
  const effects = [
    ...(steps.length ? [`change requests will fail at the steps ${steps.join(", ")}`] : []),
    ...(reads.length
      ? [`reads with ${reads.join(", ")} will fail (pages, planning, the access review)`]
      : []),
  ];
  const are = denied.length === 1 ? "is" : "are";
  return `${denied.length} of the ${total} actions Gatehouse uses ${are} denied: ${denied.join(", ")} — ${effects.join("; ")}.`;
}

function problem(e: unknown, step: string, identity: AppIdentity): string {
  const err = toIamError(e);
  if (err.kind === "denied")
    return `Gatehouse could not check its permissions: its identity may not call ${step} (${err.code}). The app policy below allows it.`;
  if (err.kind === "not-found" && identity.kind === "assumed-role")
    return `The role ${identity.roleName} this session belongs to does not exist any more.`;
  return `Gatehouse could not check its permissions: ${err.message}`;
}

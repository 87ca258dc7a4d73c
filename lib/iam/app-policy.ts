import { ops, type IamResourceType } from "@/lib/changes";

// The IAM permissions Gatehouse needs in live mode, and no more. Shown at Settings → Connection
// and in the README; attach it to the role or user the app runs as. The writes are derived from
// the ops table (each op declares the actions it calls and the resource they act on); the reads
// are declared here, once. lib/iam/app-policy.test.ts evaluates it for every op and for every IAM
// call the app's source makes, and lib/changes/app-policy.db.test.ts for every call real flows send.

/** Every IAM read the app makes (sync, planning, people pages, Settings → Connection). */
export const APP_READS = [
  "iam:GetAccountAuthorizationDetails",
  "iam:GetAccountPasswordPolicy",
  "iam:GenerateCredentialReport",
  "iam:GetCredentialReport",
  "iam:GenerateServiceLastAccessedDetails",
  "iam:Get*",
  "iam:List*",
  "iam:SimulatePrincipalPolicy",
  // Drift reads IAM's write events between two syncs (lib/review/trail.ts); LookupEvents has no
  // resource-level permissions, so Resource "*".
  "cloudtrail:LookupEvents",
] as const;

/** The statement id of the writes on each resource type the ops write to. */
const WRITE_SIDS: Record<IamResourceType, string> = {
  user: "WriteUsers",
  group: "WriteGroups",
  mfa: "WriteMfaDevices",
  policy: "WritePolicies",
  role: "WriteRoles",
  "instance-profile": "WriteInstanceProfiles",
};

function writesOn(resource: IamResourceType): string[] {
  const actions = Object.values(ops)
    .filter((op) => op.resource === resource)
    .flatMap((op) => op.iam);
  return [...new Set(actions)].sort();
}

// Built on first use, not at import: lib/changes (which owns the ops table) imports lib/iam/server,
// which re-exports this module, so at import time the ops table may not be evaluated yet.
let built: ReturnType<typeof policy> | undefined;
const policy = () => ({
  Version: "2012-10-17",
  Statement: [
    { Sid: "ReadAccount", Effect: "Allow", Action: [...APP_READS], Resource: "*" },
    ...(Object.entries(WRITE_SIDS) as [IamResourceType, string][])
      .map(([resource, sid]) => ({
        Sid: sid,
        Effect: "Allow",
        Action: writesOn(resource),
        Resource: `arn:aws:iam::*:${resource}/*`,
      }))
      .filter((s) => s.Action.length > 0),
    // Putting a role in an instance profile passes it to EC2: AWS checks iam:PassRole on the role.
    ...(Object.values(ops).some((op) => op.passesRole)
      ? [{ Sid: "PassRoles", Effect: "Allow", Action: ["iam:PassRole"], Resource: "arn:aws:iam::*:role/*" }]
      : []),
  ],
});

/** The live-mode app policy (an IAM policy document). */
export function appPolicy(): ReturnType<typeof policy> {
  return (built ??= policy());
}

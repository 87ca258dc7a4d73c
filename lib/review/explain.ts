import type { DriftEntity, StateChange } from "./diff";

/** A done step of an executed change request, as stored in ChangeStep. */
export interface DoneStep {
  requestId: string;
  op: string;
  params: Record<string, unknown>;
  finishedAt: Date;
}

// Which IAM operations produce which change. A change with no matching done step between the
// two snapshots was made outside Gatehouse: that is drift.
const OPS: Partial<Record<DriftEntity, Partial<Record<StateChange["change"], string[]>>>> = {
  user: { created: ["CreateUser"], removed: ["DeleteUser"] },
  group: { created: ["CreateGroup"], removed: ["DeleteGroup"] },
  role: { created: ["CreateRole"], removed: ["DeleteRole"] },
  policy: { created: ["CreatePolicy"], removed: ["DeletePolicy"] },
  policyVersion: {
    created: ["CreatePolicyVersion", "CreatePolicy"],
    removed: ["DeletePolicyVersion", "DeletePolicy"],
  },
  defaultVersion: { changed: ["SetDefaultPolicyVersion", "CreatePolicyVersion"] },
  groupMembership: { created: ["AddUserToGroup"], removed: ["RemoveUserFromGroup", "DeleteUser"] },
  userAttachment: { created: ["AttachUserPolicy"], removed: ["DetachUserPolicy"] },
  groupAttachment: { created: ["AttachGroupPolicy"], removed: ["DetachGroupPolicy"] },
  userInline: { created: ["PutUserPolicy"], changed: ["PutUserPolicy"], removed: ["DeleteUserPolicy"] },
  groupInline: { created: ["PutGroupPolicy"], changed: ["PutGroupPolicy"], removed: ["DeleteGroupPolicy"] },
  accessKey: {
    created: ["CreateAccessKey"],
    removed: ["DeleteAccessKey"],
    activated: ["UpdateAccessKey"],
    deactivated: ["UpdateAccessKey"],
  },
  loginProfile: { created: ["CreateLoginProfile"], removed: ["DeleteLoginProfile"] },
  mfa: { activated: ["EnableMFADevice"], deactivated: ["DeactivateMFADevice"] },
  sshKey: { created: ["UploadSSHPublicKey"], removed: ["DeleteSSHPublicKey"] },
  serviceCredential: {
    created: ["CreateServiceSpecificCredential"],
    removed: ["DeleteServiceSpecificCredential"],
  },
  certificate: { created: ["UploadSigningCertificate"], removed: ["DeleteSigningCertificate"] },
};

/** Step params may be lowerCamel (lib/changes) or IAM's PascalCase; names compare case-insensitively. */
function param(params: Record<string, unknown>, key: string): string | undefined {
  const v = params[key] ?? params[key[0].toUpperCase() + key.slice(1)];
  return typeof v === "string" ? v.toLowerCase() : undefined;
}

function matches(change: StateChange, step: DoneStep): boolean {
  if (!(OPS[change.entityType]?.[change.change] ?? []).includes(step.op)) return false;
  const d = change.detail;
  const p = step.params;
  const same = (key: keyof StateChange["detail"], value: string | undefined) =>
    value === undefined || param(p, key) === undefined || param(p, key) === value.toLowerCase();
  if (d.userName && param(p, "userName") !== d.userName.toLowerCase()) return false;
  if (d.groupName && param(p, "groupName") !== d.groupName.toLowerCase()) return false;
  if (d.roleName && param(p, "roleName") !== d.roleName.toLowerCase()) return false;
  // A step that created a policy names it; later steps name its ARN.
  if (
    d.policyArn &&
    !(
      param(p, "policyArn") === d.policyArn.toLowerCase() ||
      (param(p, "policyName") !== undefined &&
        d.policyArn.toLowerCase().endsWith(`/${param(p, "policyName")}`))
    )
  )
    return false;
  if (!d.policyArn && !same("policyName", d.policyName)) return false;
  return same("accessKeyId", d.accessKeyId) && same("versionId", d.versionId);
}

/**
 * Pair each change with a done step that explains it (each step explains at most one change of
 * its kind, so two keys created where Gatehouse created one leave one drift finding).
 */
export function explainChanges(
  changes: StateChange[],
  steps: DoneStep[],
): { change: StateChange; explainedBy: string | null }[] {
  // One CreatePolicyVersion both adds a version and moves the default: "used" is per kind of change.
  const used = new Set<string>();
  return changes.map((change) => {
    const index = steps.findIndex((s, i) => !used.has(`${i}|${change.entityType}`) && matches(change, s));
    const step = index >= 0 ? steps[index] : undefined;
    if (step) used.add(`${index}|${change.entityType}`);
    return { change, explainedBy: step?.requestId ?? null };
  });
}

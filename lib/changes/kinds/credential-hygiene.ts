import type { IAMClient } from "@aws-sdk/client-iam";
import { UserError, fieldError } from "@/lib/errors";
import {
  accessKeysOf,
  attachedGroupPolicies,
  attachedUserPolicies,
  getPolicy,
  requireGroup,
  requireUser,
} from "@/lib/iam";
import { getJobRole } from "@/lib/job-roles";
import { REQUIRE_MFA_TEMPLATE, recordRequireMfaPublished, requireMfaVersion } from "@/lib/templates";
import { config } from "../context";
import { defineKind, type PlannedStep, type SucceededContext } from "../types";
import { policyArnIn } from "./accounts";
import { jobRoleRequireMfaInput, userRequireMfaInput, userRetireKeyInput } from "./credential-hygiene.schema";

// Credential hygiene (issue 17): requiring MFA (the GatehouseRequireMFA template's policy,
// lib/templates/require-mfa.ts) of a job role's group or of one user, and retiring an access key
// the account's key policy flags (lib/review/key-policy.ts). The app's own account only.

/**
 * The Require MFA policy's ARN, and CreatePolicy from the template's newest version when IAM does
 * not have it yet (the first request that requires MFA publishes it, as template.publish would).
 */
async function ensurePolicy(
  iam: IAMClient,
  evidence: Record<string, unknown>,
): Promise<{ arn: string; steps: PlannedStep[] }> {
  const arn = policyArnIn(await config().accountId(), REQUIRE_MFA_TEMPLATE);
  evidence.policyArn = arn;
  if (await getPolicy(iam, arn)) return { arn, steps: [] };
  const version = await requireMfaVersion();
  if (!version) throw new UserError(`The ${REQUIRE_MFA_TEMPLATE} template does not exist yet.`, "CONFLICT");
  evidence.publishesVersion = version.version;
  const document = JSON.stringify(JSON.parse(version.document));
  return {
    arn,
    steps: [{ op: "CreatePolicy", params: { policyName: REQUIRE_MFA_TEMPLATE, policyDocument: document } }],
  };
}

/** When the request created the policy, the template's version records it (as a publication does). */
async function recordPublication({ steps, evidence }: SucceededContext): Promise<void> {
  const created = steps.find((s) => s.op === "CreatePolicy" && s.status === "done");
  if (!created || typeof evidence.publishesVersion !== "number") return;
  const versionId = (created.result as { versionId?: string } | null)?.versionId ?? "v1";
  await recordRequireMfaPublished(String(evidence.policyArn), evidence.publishesVersion, versionId);
}

export const jobRoleRequireMfa = defineKind({
  label: "Require MFA for a job role",
  input: jobRoleRequireMfaInput,
  async plan(i, ctx) {
    const role = await getJobRole(i.jobRole);
    if (!role) throw fieldError("jobRole", `There is no job role named ${i.jobRole}.`);
    await requireGroup(ctx.iam, role.groupName, "jobRole");
    ctx.evidence.groupName = role.groupName;
    const attached = (await attachedGroupPolicies(ctx.iam, role.groupName)).map((p) => p.arn);
    ctx.evidence.attachedBefore = attached;
    const groupName = role.groupName;
    if (!i.require) {
      const arn = policyArnIn(await config().accountId(), REQUIRE_MFA_TEMPLATE);
      return attached.includes(arn)
        ? [{ op: "DetachGroupPolicy", params: { groupName, policyArn: arn } }]
        : [];
    }
    const policy = await ensurePolicy(ctx.iam, ctx.evidence);
    if (attached.includes(policy.arn)) return [];
    return [
      ...policy.steps,
      {
        op: "AttachGroupPolicy",
        params: { groupName, policyArn: policy.arn },
        dependsOn: policy.steps.length ? [1] : [],
      },
    ];
  },
  summary: (i) =>
    i.require ? `Require MFA for job role ${i.jobRole}` : `Stop requiring MFA for job role ${i.jobRole}`,
  target: (i) => `jobrole/${i.jobRole}`,
  onSucceeded: (_i, ctx) => recordPublication(ctx),
});

export const userRequireMfa = defineKind({
  label: "Require MFA for a user",
  input: userRequireMfaInput,
  async plan(i, ctx) {
    await requireUser(ctx.iam, i.userName);
    const attached = (await attachedUserPolicies(ctx.iam, i.userName)).map((p) => p.arn);
    ctx.evidence.attachedBefore = attached;
    const policy = await ensurePolicy(ctx.iam, ctx.evidence);
    if (attached.includes(policy.arn)) return [];
    return [
      ...policy.steps,
      {
        op: "AttachUserPolicy",
        params: { userName: i.userName, policyArn: policy.arn },
        dependsOn: policy.steps.length ? [1] : [],
      },
    ];
  },
  summary: (i) => `Require MFA for ${i.userName}`,
  target: (i) => `user/${i.userName}`,
  onSucceeded: (_i, ctx) => recordPublication(ctx),
});

/**
 * Deactivates or deletes one access key, read live first: a key already gone plans nothing, a key
 * already inactive plans no deactivation. Key rotation (a new key, then retiring the old) is
 * another kind (user.rotate-key); this is what the key policy proposes until it exists.
 */
export const userRetireKey = defineKind({
  label: "Retire access key",
  input: userRetireKeyInput,
  async plan(i, ctx) {
    await requireUser(ctx.iam, i.userName);
    const keys = await accessKeysOf(ctx.iam, i.userName);
    const second = (d: Date | string) => Math.floor(new Date(d).getTime() / 1000);
    const matching = i.accessKeyId
      ? keys.filter((k) => k.AccessKeyId === i.accessKeyId)
      : keys.filter((k) => k.CreateDate && second(k.CreateDate) === second(i.created!));
    const named = i.accessKeyId ?? `created ${i.created}`;
    if (matching.length === 0) throw fieldError("accessKeyId", `${i.userName} has no access key ${named}.`);
    // Two keys made in the same second cannot be told apart by time (lib/review/keys.ts).
    if (matching.length > 1)
      throw fieldError(
        "accessKeyId",
        `${i.userName} has two keys created that second: choose one by its id.`,
      );
    const key = matching[0];
    const accessKeyId = key.AccessKeyId!;
    const { userName } = i;
    ctx.evidence.keyBefore = {
      accessKeyId,
      status: key.Status,
      created: key.CreateDate?.toISOString() ?? null,
    };
    if (i.action === "delete") return [{ op: "DeleteAccessKey", params: { userName, accessKeyId } }];
    return key.Status === "Inactive"
      ? []
      : [{ op: "UpdateAccessKey", params: { userName, accessKeyId, status: "Inactive" } }];
  },
  summary: (i, evidence) =>
    `${i.action === "delete" ? "Delete" : "Deactivate"} access key ${
      (evidence.keyBefore as { accessKeyId?: string } | undefined)?.accessKeyId ?? i.accessKeyId
    } of ${i.userName}`,
  target: (i) => `user/${i.userName}`,
});

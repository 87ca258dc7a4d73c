import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/session";
import { saveTemplateVersion } from "./index";
import { REQUIRE_MFA_TEMPLATE } from "./shared";

// The "Require MFA" policy: AWS's documented pattern for users who must sign in with MFA (IAM
// User Guide, "Allows MFA-authenticated IAM users to manage their own MFA device on the Security
// credentials page"), written here in Gatehouse's words. Without MFA a user may do only what it
// takes to set up and use a device (and change a password IAM asked them to change); everything
// else is denied, whatever their other policies allow. A long-term access key carries no MFA
// context at all, so `BoolIfExists … false` denies it too (docs/iam-facts.md#authorization): a
// programmatic user then works through `sts:GetSessionToken` with their MFA code.
//
// It is a policy template like the others (versioned, linted, published as the customer managed
// policy of this name), created as version 1 the first time someone asks to require MFA.
// Resources name the user's own device as `mfa/${aws:username}`, so the review counts these
// grants as self-service (lib/review/self-service.ts) and never as "Write on IAM"; the device
// must therefore be named after the user (the console's "Device name").

const OWN_USER = "arn:aws:iam::*:user/${aws:username}";
const OWN_DEVICE = "arn:aws:iam::*:mfa/${aws:username}";

/** What a user without MFA may still call: setting up a device, signing in with it, a forced password change. */
export const ALLOWED_WITHOUT_MFA = [
  "iam:CreateVirtualMFADevice",
  "iam:EnableMFADevice",
  "iam:GetMFADevice",
  "iam:GetUser",
  "iam:ListMFADevices",
  "iam:ListVirtualMFADevices",
  "iam:ResyncMFADevice",
  "iam:ChangePassword",
  "iam:GetAccountPasswordPolicy",
  "sts:GetSessionToken",
];

export const REQUIRE_MFA_DOCUMENT = JSON.stringify(
  {
    Version: "2012-10-17",
    Statement: [
      { Sid: "SeeVirtualDevices", Effect: "Allow", Action: "iam:ListVirtualMFADevices", Resource: "*" },
      {
        Sid: "OwnVirtualDevice",
        Effect: "Allow",
        Action: ["iam:CreateVirtualMFADevice", "iam:DeleteVirtualMFADevice"],
        Resource: OWN_DEVICE,
      },
      {
        Sid: "OwnDeviceOnOwnUser",
        Effect: "Allow",
        Action: [
          "iam:EnableMFADevice",
          "iam:GetMFADevice",
          "iam:GetUser",
          "iam:ListMFADevices",
          "iam:ResyncMFADevice",
        ],
        Resource: OWN_USER,
      },
      {
        // Taking a device off needs MFA: a stolen password alone cannot remove the second factor.
        Sid: "RemoveOwnDeviceOnlyWithMfa",
        Effect: "Allow",
        Action: "iam:DeactivateMFADevice",
        Resource: OWN_USER,
        Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
      },
      {
        Sid: "DenyEverythingElseWithoutMfa",
        Effect: "Deny",
        NotAction: ALLOWED_WITHOUT_MFA,
        Resource: "*",
        Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
      },
    ],
  },
  null,
  2,
);

const DESCRIPTION =
  "Gatehouse's Require MFA option: without MFA, only setting up and using one's own MFA device is allowed.";

/**
 * The template's newest version, with the policy it was published as (null: not yet); version 1
 * is saved (and audited as the actor's template.created) when the template does not exist yet.
 */
export async function requireMfaTemplate(actor: Actor): Promise<{ version: number; document: string }> {
  const existing = await latestVersion();
  if (existing) return existing;
  // The linter warns about Deny + NotAction; here that is the point, so it is acknowledged.
  await saveTemplateVersion(
    {
      name: REQUIRE_MFA_TEMPLATE,
      description: DESCRIPTION,
      parameters: [],
      document: REQUIRE_MFA_DOCUMENT,
      acknowledgeWarnings: true,
    },
    actor,
  );
  return (await latestVersion())!;
}

/** The newest saved version of the template, or null before anyone required MFA. */
export async function latestVersion(): Promise<{ version: number; document: string } | null> {
  const t = await db().policyTemplate.findUnique({
    where: { name: REQUIRE_MFA_TEMPLATE },
    include: { versions: { orderBy: { number: "desc" }, take: 1 } },
  });
  const v = t?.versions[0];
  return v ? { version: v.number, document: v.document } : null;
}

/** Records that `version` became the policy `policyArn` (IAM version v1), as template.publish does. */
export async function recordRequireMfaPublished(
  policyArn: string,
  version: number,
  iamVersionId: string | null,
) {
  const template = await db().policyTemplate.update({
    where: { name: REQUIRE_MFA_TEMPLATE },
    data: { policyArn },
  });
  await db().policyTemplateVersion.update({
    where: { templateId_number: { templateId: template.id, number: version } },
    data: { iamVersionId, publishedAt: new Date() },
  });
}

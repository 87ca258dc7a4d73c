// What Gatehouse's own identity needs in the organization's management account (or a delegated
// administrator), besides the app policy: list the organization's accounts and OUs, and assume
// the member role in each account. Shown at Settings → Connection under the app policy, and kept
// as a file in deploy/aws (lib/iam/live-setup.test.ts). In a member account Gatehouse acts as
// MEMBER_ROLE_NAME, which holds the app policy; it never needs Organizations there.

/** The role Gatehouse assumes in every member account (what deploy/aws's StackSet deploys). */
export const MEMBER_ROLE_NAME = "GatehouseMember";

/** Discovery reads the organization (lib/aws-accounts/discover.ts); Organizations has no writes here. */
export const ORGANIZATION_READS = ["organizations:List*", "organizations:Describe*"] as const;

const policy = {
  Version: "2012-10-17",
  Statement: [
    { Sid: "ReadTheOrganization", Effect: "Allow", Action: [...ORGANIZATION_READS], Resource: "*" },
    {
      Sid: "AssumeTheMemberRole",
      Effect: "Allow",
      Action: "sts:AssumeRole",
      // Any account's member role, so an account that joins the organization needs no edit here.
      Resource: `arn:aws:iam::*:role/${MEMBER_ROLE_NAME}`,
    },
  ],
};

/** The live-mode management-side policy (an IAM policy document). */
export function managementPolicy(): typeof policy {
  return policy;
}

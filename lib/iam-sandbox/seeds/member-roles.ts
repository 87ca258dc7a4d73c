import { attachPolicy, principal } from "../model/attach";
import { createPolicy } from "../model/policies";
import { createRole } from "../model/roles";
import type { Ctx } from "../model/state";
import { addAppIdentity, APP_USER, attachAppPolicy } from "./app-identity";
// The management policy deploy/aws hands a live organization (lib/iam/live-setup.test.ts keeps it
// equal to the app's code): the sandbox seeds exactly what a CTO would deploy.
import readerPolicy from "../../../deploy/aws/management-policy.json";

// What an organization's accounts hold for Gatehouse (README, "Organization"). In every member
// account: OrganizationAccountAccessRole, as Organizations creates it in an account it creates,
// and GatehouseMember, what the StackSet deploys: the app policy, trusting the management
// account's gatehouse-app user. In the management account: gatehouse-app with, besides the app
// policy, GatehouseOrganizationReader to list the organization and assume GatehouseMember.

export const ACCESS_ROLE = "OrganizationAccountAccessRole";
export const MEMBER_ROLE = "GatehouseMember";
export const READER_POLICY = "GatehouseOrganizationReader";

const trust = (principalArn: string) =>
  JSON.stringify(
    {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: principalArn }, Action: "sts:AssumeRole" }],
    },
    null,
    2,
  );

export function addMemberRoles(ctx: Ctx, managementAccountId: string): void {
  createRole(ctx, {
    name: ACCESS_ROLE,
    path: "/",
    trustPolicy: trust(`arn:aws:iam::${managementAccountId}:root`),
  });
  attachPolicy(ctx, principal(ctx, "Role", ACCESS_ROLE), "arn:aws:iam::aws:policy/AdministratorAccess");
  createRole(ctx, {
    name: MEMBER_ROLE,
    path: "/",
    trustPolicy: trust(`arn:aws:iam::${managementAccountId}:user/${APP_USER}`),
    description: "Gatehouse manages IAM in this account (deployed by the Gatehouse StackSet)",
  });
  attachAppPolicy(ctx, "Role", MEMBER_ROLE);
}

export function addManagementReader(ctx: Ctx): void {
  if (!ctx.state.users.has(APP_USER)) addAppIdentity(ctx);
  const policy = createPolicy(ctx, {
    name: READER_POLICY,
    path: "/",
    document: JSON.stringify(readerPolicy, null, 2),
    description: "Gatehouse lists the organization's accounts and assumes GatehouseMember in each",
  });
  attachPolicy(ctx, principal(ctx, "User", APP_USER), policy.arn);
}

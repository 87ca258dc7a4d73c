import "server-only";
import { paginateGetAccountAuthorizationDetails, type GroupDetail, type UserDetail } from "@aws-sdk/client-iam";
import { iamClients } from "./client";

export type GroupSummary = {
  groupName: string;
  arn: string;
  createdAt: string | null;
  members: string[];
  attachedPolicies: { name: string; arn: string }[];
  inlinePolicies: string[];
};

/** Groups and users in one paginated GetAccountAuthorizationDetails walk (members derived from users). */
export async function groupsAndUsers(): Promise<{ groups: GroupSummary[]; users: string[] }> {
  const { iam } = iamClients();
  const groups: GroupDetail[] = [];
  const users: UserDetail[] = [];
  for await (const page of paginateGetAccountAuthorizationDetails({ client: iam, pageSize: 1000 }, { Filter: ["Group", "User"] })) {
    groups.push(...(page.GroupDetailList ?? []));
    users.push(...(page.UserDetailList ?? []));
  }
  const members = new Map<string, string[]>();
  for (const u of users) for (const g of u.GroupList ?? []) (members.get(g.toLowerCase()) ?? members.set(g.toLowerCase(), []).get(g.toLowerCase())!).push(u.UserName!);
  return {
    groups: groups
      .map((g) => ({
        groupName: g.GroupName!,
        arn: g.Arn!,
        createdAt: g.CreateDate?.toISOString() ?? null,
        members: (members.get(g.GroupName!.toLowerCase()) ?? []).sort(),
        attachedPolicies: (g.AttachedManagedPolicies ?? []).map((p) => ({ name: p.PolicyName!, arn: p.PolicyArn! })),
        inlinePolicies: (g.GroupPolicyList ?? []).map((p) => p.PolicyName!),
      }))
      .sort((a, b) => a.groupName.localeCompare(b.groupName)),
    users: users.map((u) => u.UserName!).sort(),
  };
}

import type { GroupDetail, IAMClient, UserDetail } from "@aws-sdk/client-iam";
import { decodePolicyText } from "@/lib/policy";
import { authorizationDetailPages } from "./auth-details";

export type GroupSummary = {
  groupName: string;
  arn: string;
  createdAt: string | null;
  members: string[];
  attachedPolicies: { name: string; arn: string }[];
  inlinePolicies: string[];
};

/** Groups and users in one paginated GetAccountAuthorizationDetails walk (members derived from users). */
export async function groupsAndUsers(iam: IAMClient): Promise<{ groups: GroupSummary[]; users: string[] }> {
  const groups: GroupDetail[] = [];
  const users: UserDetail[] = [];
  for await (const page of authorizationDetailPages(iam, ["Group", "User"])) {
    groups.push(...(page.GroupDetailList ?? []));
    users.push(...(page.UserDetailList ?? []));
  }
  const members = new Map<string, string[]>();
  for (const u of users)
    for (const g of u.GroupList ?? [])
      (members.get(g.toLowerCase()) ?? members.set(g.toLowerCase(), []).get(g.toLowerCase())!).push(
        u.UserName!,
      );
  return {
    groups: groups
      .map((g) => ({
        groupName: g.GroupName!,
        arn: g.Arn!,
        createdAt: g.CreateDate?.toISOString() ?? null,
        members: (members.get(g.GroupName!.toLowerCase()) ?? []).sort(),
        attachedPolicies: (g.AttachedManagedPolicies ?? []).map((p) => ({
          name: p.PolicyName!,
          arn: p.PolicyArn!,
        })),
        inlinePolicies: (g.GroupPolicyList ?? []).map((p) => p.PolicyName!),
      }))
      .sort((a, b) => a.groupName.localeCompare(b.groupName)),
    users: users.map((u) => u.UserName!).sort(),
  };
}

export type RoleSummary = {
  roleName: string;
  arn: string;
  trustedBy: string[];
  trustPolicy: string;
  attachedPolicies: { name: string; arn: string }[];
  inlinePolicies: { name: string; document: string }[];
  instanceProfiles: string[];
};

/** Who may assume the role, in words: services, accounts, federated providers. */
function principalsOf(trust: string): string[] {
  try {
    const doc = JSON.parse(trust) as {
      Statement?: { Effect?: string; Principal?: unknown }[] | { Effect?: string; Principal?: unknown };
    };
    const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
    return statements
      .filter((s) => s.Effect === "Allow")
      .flatMap((s) => {
        if (s.Principal === "*") return ["anyone (*)"];
        return Object.values((s.Principal ?? {}) as Record<string, string | string[]>).flatMap((v) =>
          Array.isArray(v) ? v : [v],
        );
      });
  } catch {
    return [];
  }
}

/** Roles with decoded trust and inline policies, from one paginated walk. */
export async function roles(iam: IAMClient): Promise<RoleSummary[]> {
  const out: RoleSummary[] = [];
  for await (const page of authorizationDetailPages(iam, ["Role"])) {
    for (const r of page.RoleDetailList ?? []) {
      // Policy documents come back percent-encoded (RFC 3986); the JS SDK does not decode them.
      const trust = decodePolicyText(r.AssumeRolePolicyDocument ?? "{}");
      out.push({
        roleName: r.RoleName!,
        arn: r.Arn!,
        trustedBy: principalsOf(trust),
        trustPolicy: trust,
        attachedPolicies: (r.AttachedManagedPolicies ?? []).map((p) => ({
          name: p.PolicyName!,
          arn: p.PolicyArn!,
        })),
        inlinePolicies: (r.RolePolicyList ?? []).map((p) => ({
          name: p.PolicyName!,
          document: decodePolicyText(p.PolicyDocument ?? ""),
        })),
        instanceProfiles: (r.InstanceProfileList ?? []).map((p) => p.InstanceProfileName!),
      });
    }
  }
  return out.sort((a, b) => a.roleName.localeCompare(b.roleName));
}

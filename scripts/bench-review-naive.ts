// The baseline the review benchmark compares against: what a straightforward tool does — list
// users, then per user List*/Get* their groups, policies and credentials, fetch every group's and
// policy's documents, and evaluate each user on their own (no shared policy sets).
import {
  GetLoginProfileCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetGroupPolicyCommand,
  GetUserPolicyCommand,
  ListAccessKeysCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupPoliciesCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  ListMFADevicesCommand,
  ListUserPoliciesCommand,
  ListUsersCommand,
  type IAMClient,
} from "@aws-sdk/client-iam";
import {
  effectiveAccess,
  parsePolicy,
  type Catalog,
  type PolicyDocument,
  type PrincipalPolicy,
} from "@/lib/policy";

type Counter = { calls: number };

async function all<T>(items: T[], concurrency: number, run: (t: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await run(items[next++]);
    }),
  );
}

const doc = (text: string | undefined): PolicyDocument => {
  const r = parsePolicy(decodeURIComponent(text ?? "{}"));
  return r.ok ? r.document : { Statement: [] };
};

async function paged<T>(
  c: Counter,
  fetch: (marker?: string) => Promise<{ items: T[]; marker?: string }>,
): Promise<T[]> {
  const out: T[] = [];
  let marker: string | undefined;
  do {
    c.calls++;
    const page = await fetch(marker);
    out.push(...page.items);
    marker = page.marker;
  } while (marker);
  return out;
}

/** Groups and their policies (done once, whatever the user subset): name → policies. */
export async function naiveGroups(iam: IAMClient, c: Counter, concurrency: number) {
  const groups = await paged(c, async (Marker) => {
    const r = await iam.send(new ListGroupsCommand({ Marker }));
    return { items: (r.Groups ?? []).map((g) => g.GroupName!), marker: r.Marker };
  });
  const policyDocs = new Map<string, Promise<PolicyDocument>>();
  const managed = (arn: string) => {
    let p = policyDocs.get(arn);
    if (!p) {
      c.calls += 2;
      p = iam
        .send(new GetPolicyCommand({ PolicyArn: arn }))
        .then((r) =>
          iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: r.Policy!.DefaultVersionId })),
        )
        .then((v) => doc(v.PolicyVersion?.Document));
      policyDocs.set(arn, p);
    }
    return p;
  };
  const byGroup = new Map<
    string,
    { name: string; arn?: string; text: Promise<PolicyDocument>; inline: boolean }[]
  >();
  await all(groups, concurrency, async (GroupName) => {
    c.calls += 2;
    const [attached, inline] = await Promise.all([
      iam.send(new ListAttachedGroupPoliciesCommand({ GroupName })),
      iam.send(new ListGroupPoliciesCommand({ GroupName })),
    ]);
    const list = (attached.AttachedPolicies ?? []).map((p) => ({
      name: p.PolicyName!,
      arn: p.PolicyArn!,
      text: managed(p.PolicyArn!),
      inline: false,
    }));
    for (const PolicyName of inline.PolicyNames ?? []) {
      c.calls++;
      list.push({
        name: PolicyName,
        arn: "",
        text: iam
          .send(new GetGroupPolicyCommand({ GroupName, PolicyName }))
          .then((r) => doc(r.PolicyDocument)),
        inline: true,
      });
    }
    byGroup.set(GroupName, list);
  });
  return { byGroup, managed };
}

/** Per user: groups, attached and inline policies, keys, password, MFA; then evaluate alone. */
export async function naiveUsers(
  iam: IAMClient,
  c: Counter,
  catalog: Catalog,
  users: string[],
  groups: Awaited<ReturnType<typeof naiveGroups>>,
  concurrency: number,
) {
  await all(users, concurrency, async (UserName) => {
    c.calls += 6;
    const [gs, attached, inline] = await Promise.all([
      iam.send(new ListGroupsForUserCommand({ UserName })),
      iam.send(new ListAttachedUserPoliciesCommand({ UserName })),
      iam.send(new ListUserPoliciesCommand({ UserName })),
      iam.send(new ListAccessKeysCommand({ UserName })),
      iam.send(new ListMFADevicesCommand({ UserName })),
      iam.send(new GetLoginProfileCommand({ UserName })).catch(() => null),
    ]);
    const policies: PrincipalPolicy[] = [];
    for (const p of attached.AttachedPolicies ?? [])
      policies.push({
        document: await groups.managed(p.PolicyArn!),
        source: {
          kind: "managed",
          policyName: p.PolicyName!,
          policyArn: p.PolicyArn!,
          via: { type: "user" },
        },
      });
    for (const PolicyName of inline.PolicyNames ?? []) {
      c.calls++;
      const r = await iam.send(new GetUserPolicyCommand({ UserName, PolicyName }));
      policies.push({
        document: doc(r.PolicyDocument),
        source: { kind: "inline", policyName: PolicyName, via: { type: "user" } },
      });
    }
    for (const g of gs.Groups ?? []) {
      for (const p of groups.byGroup.get(g.GroupName!) ?? []) {
        // A naive tool re-reads each document per user: parse a copy, so nothing is shared.
        const document = structuredClone(await p.text);
        policies.push({
          document,
          source: {
            kind: p.inline ? "inline" : "managed",
            policyName: p.name,
            policyArn: p.arn || undefined,
            via: { type: "group", groupName: g.GroupName! },
          },
        });
      }
    }
    effectiveAccess(policies, catalog);
  });
}

export async function naiveUserNames(iam: IAMClient, c: Counter): Promise<string[]> {
  return paged(c, async (Marker) => {
    const r = await iam.send(new ListUsersCommand({ Marker }));
    return { items: (r.Users ?? []).map((u) => u.UserName!), marker: r.Marker };
  });
}

import { audit } from "@/lib/audit";
import { fieldError } from "@/lib/errors";
import { groupHoldings } from "@/lib/iam";
import { getJobRole, setJobRoleAccounts } from "@/lib/job-roles";
import { config } from "../context";
import { defineKind, type PlannedStep } from "../types";
import {
  appendSteps,
  inAccount,
  managedTargets,
  readIn,
  targetAccounts,
  type TargetAccount,
} from "./accounts";
import { groupStepsIn, rolePolicyArns, type RoleGroup } from "./job-role-group";
import { jobRoleAccountsInput } from "./jobrole-accounts.schema";

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * An account the job role is added to: its group made there as group.create makes it. A group of
 * that name already there is taken over only when it already carries exactly the job role's
 * policies (nothing inline): then it is the job role's group, and there is nothing to do.
 * Anything else is someone else's group, refused in words rather than changed.
 */
async function addTo(
  role: RoleGroup,
  account: TargetAccount,
  home: TargetAccount,
  ctx: Parameters<typeof groupStepsIn>[3],
): Promise<{ steps: PlannedStep[]; copied: string[]; adopted: boolean }> {
  const found = await readIn(ctx, account.number, (iam) => groupHoldings(iam, role.groupName));
  if (!found) {
    const fields = { templates: "accounts", managedPolicyArns: "accounts" };
    return { ...(await groupStepsIn(role, account, home, ctx, fields)), adopted: false };
  }
  const has = found.attached.map((p) => p.arn);
  if (found.inline.length === 0 && sameSet(has, rolePolicyArns(role, account)))
    return { steps: [], copied: [], adopted: true };
  const holds = [...found.attached.map((p) => p.name), ...found.inline.map((n) => `${n} (inline)`)];
  throw fieldError(
    "accounts",
    `An IAM group named ${role.groupName} already exists in ${account.label} with other policies (${holds.join(", ") || "none"}); it is not the job role's group. Rename or remove it there, or give it exactly the job role's policies, first.`,
  );
}

/**
 * An account the job role is taken out of: its group there deleted, only when empty. Members are
 * refused by name — changing where a job role is must not silently take people's access away;
 * they are offboarded or moved first. The plan verifies the group is still empty when it runs,
 * then detaches each policy and deletes the group (IAM refuses DeleteGroup while anything is
 * attached). No group there: nothing to do.
 */
async function removeFrom(
  role: RoleGroup,
  account: TargetAccount,
  ctx: Parameters<typeof groupStepsIn>[3],
): Promise<{ steps: PlannedStep[]; missing: boolean; refusal?: string }> {
  const found = await readIn(ctx, account.number, (iam) => groupHoldings(iam, role.groupName));
  if (!found) return { steps: [], missing: true };
  if (found.members.length > 0)
    return {
      steps: [],
      missing: false,
      refusal: `${role.groupName} in ${account.label} still has members: ${found.members.join(", ")}. Offboard them or move them to another group first.`,
    };
  if (found.inline.length > 0)
    return {
      steps: [],
      missing: false,
      refusal: `${role.groupName} in ${account.label} has inline policies (${found.inline.join(", ")}) that are not the job role's; remove them there first.`,
    };
  const steps: PlannedStep[] = [
    { op: "VerifyGroupEmpty", params: { groupName: role.groupName }, ...inAccount(account) },
  ];
  for (const p of found.attached)
    steps.push({
      op: "DetachGroupPolicy",
      params: { groupName: role.groupName, policyArn: p.arn },
      dependsOn: [1],
      ...inAccount(account),
    });
  steps.push({
    op: "DeleteGroup",
    params: { groupName: role.groupName },
    dependsOn: steps.map((_, n) => n + 1),
    ...inAccount(account),
  });
  return { steps, missing: false };
}

/**
 * Changes where a job role's group is, after the job role was made (lib/changes/README.md,
 * "Accounts"): `accounts` is the whole new set. Each added account gets the group as
 * group.create makes it; each removed one loses the group, if empty. Steps go account by account
 * in id order, each account's depending only on its own. The job role's stored accounts change
 * only once the request succeeded, so onboarding never defaults to an account without the group.
 */
export const jobRoleAccounts = defineKind({
  label: "Change job role accounts",
  input: jobRoleAccountsInput,
  async plan(i, ctx) {
    const role = await getJobRole(i.jobRole);
    if (!role) throw fieldError("jobRole", `There is no job role named ${i.jobRole}.`);
    const [home] = await targetAccounts(null);
    const before = role.accounts ?? [home.number];
    if (sameSet(before, i.accounts))
      throw fieldError("accounts", `Nothing to change: ${role.name} is in exactly these accounts already.`);
    // Every account named must be one Gatehouse manages now, kept ones too (field error otherwise).
    const after = await targetAccounts(i.accounts);
    const added = after.filter((a) => !before.includes(a.number));
    // A removed account Gatehouse no longer manages cannot be read or changed: it only leaves the list.
    const { accounts: removed, gone } = await managedTargets(before.filter((id) => !i.accounts.includes(id)));

    const plan: { account: TargetAccount; steps: PlannedStep[] }[] = [];
    const adopted: string[] = [];
    const templatesCopied: Record<string, string[]> = {};
    const noGroup: string[] = [];
    const refusals: string[] = [];
    for (const account of added) {
      const r = await addTo(role, account, home, ctx);
      if (r.adopted) adopted.push(account.number);
      if (r.copied.length) templatesCopied[account.number] = r.copied;
      plan.push({ account, steps: r.steps });
    }
    for (const account of removed) {
      const r = await removeFrom(role, account, ctx);
      if (r.refusal) refusals.push(r.refusal);
      if (r.missing) noGroup.push(account.number);
      plan.push({ account, steps: r.steps });
    }
    // Every refusal at once, so one look at the form says whom to move first.
    if (refusals.length) throw fieldError("accounts", refusals.join(" "));

    const names = Object.fromEntries([...after, ...removed].map((a) => [a.number, a.label]));
    Object.assign(ctx.evidence, {
      groupName: role.groupName,
      before,
      after: i.accounts,
      added: added.map((a) => a.number),
      removed: [...removed.map((a) => a.number), ...gone],
      names,
      adopted,
      templatesCopied,
      noGroupIn: noGroup,
      accountsNotManaged: gone,
    });
    const steps: PlannedStep[] = [];
    for (const { steps: mine } of plan.sort((a, b) => a.account.number.localeCompare(b.account.number)))
      appendSteps(steps, mine);
    return steps;
  },
  summary(i, e) {
    const names = (e.names ?? {}) as Record<string, string>;
    const list = (ids: unknown) => ((ids ?? []) as string[]).map((id) => names[id] ?? id).join(", ");
    const parts = [
      ...((e.added as string[] | undefined)?.length ? [`add ${list(e.added)}`] : []),
      ...((e.removed as string[] | undefined)?.length ? [`remove ${list(e.removed)}`] : []),
    ];
    return `Change job role ${i.jobRole}'s accounts${parts.length ? `: ${parts.join("; ")}` : ""}`;
  },
  target: (i) => `job-role/${i.jobRole}`,
  async onSucceeded(i, ctx) {
    const home = await config().accountId();
    // Only the app's own account is stored as null: onboarding then plans exactly as before accounts.
    const accounts = i.accounts.length === 1 && i.accounts[0] === home ? null : i.accounts;
    await setJobRoleAccounts(i.jobRole, accounts);
    const e = ctx.evidence;
    await audit({
      actor: "system:job-roles",
      action: "job_roles.accounts_changed",
      target: `job-role/${i.jobRole}`,
      requestId: ctx.requestId,
      data: {
        jobRole: i.jobRole,
        groupName: e.groupName ?? null,
        before: e.before ?? null,
        after: i.accounts,
        added: e.added ?? [],
        removed: e.removed ?? [],
        adopted: e.adopted ?? [],
        // What IAM did, per account: the groups made or deleted there.
        steps: ctx.steps.map((s) => ({ accountId: s.accountId, op: s.op, status: s.status })),
      },
    });
  },
});

import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { fieldError, UserError } from "@/lib/errors";
import { employeeByIamUser, hasAccountUser, personOfAccountUser } from "@/lib/people";
import { REMOVAL_OPS, userOffboardInput, type UserOffboardInput } from "./user-offboard.schema";
import { getSettings } from "../settings";
import { defineKind, type PlanContext, type PlannedStep } from "../types";
import { appendSteps, readIn } from "./accounts";
import { readUserHoldings, toIamError, type UserHoldings } from "@/lib/iam";

export const DENY_POLICY = "gatehouse-offboarding-deny-all";
const DAY_MS = 24 * 3600 * 1000;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * IAM cannot revoke temporary credentials (console sessions, GetSessionToken) already issued;
 * a Deny on everything issued before a cutoff makes them useless. The cutoff is the end of the
 * request's approval window, not the planning time, so sessions issued while the request waits
 * for approval are covered too (the user cannot get new ones: their keys and password go first).
 */
function denyAllDocument(cutoff: Date): string {
  const at = cutoff.toISOString().replace(/\.\d{3}Z$/, "Z");
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "GatehouseOffboarding",
        Effect: "Deny",
        Action: "*",
        Resource: "*",
        Condition: { DateLessThan: { "aws:TokenIssueTime": at } },
      },
    ],
  });
}

/**
 * Removal steps for what hangs on the user, each after `lock` (the lock-out steps). Keys are
 * deactivated before they are deleted even here, so a re-plan also locks out first.
 */
function removalSteps(
  h: UserHoldings,
  opts: { keepDeny: boolean; lock: number[]; offset?: number },
): { steps: PlannedStep[]; removals: number[] } {
  const steps: PlannedStep[] = [];
  const base = opts.offset ?? 0;
  const add = (op: string, params: Record<string, unknown>, dependsOn: number[]) => (
    steps.push({ op, params, dependsOn }),
    base + steps.length
  );
  const userName = h.userName;
  const removals: number[] = [];
  if (h.loginProfile) removals.push(add("DeleteLoginProfile", { userName }, opts.lock));
  for (const serialNumber of h.mfaDevices) {
    const off = add("DeactivateMFADevice", { userName, serialNumber }, opts.lock);
    removals.push(off);
    // Hardware devices have plain serials and stay with their owner; virtual ones are IAM entities.
    if (serialNumber.startsWith("arn:"))
      removals.push(add("DeleteVirtualMFADevice", { serialNumber }, [off]));
  }
  for (const sshPublicKeyId of h.sshPublicKeys)
    removals.push(add("DeleteSSHPublicKey", { userName, sshPublicKeyId }, opts.lock));
  for (const certificateId of h.signingCertificates)
    removals.push(add("DeleteSigningCertificate", { userName, certificateId }, opts.lock));
  for (const serviceSpecificCredentialId of h.serviceCredentials)
    removals.push(
      add("DeleteServiceSpecificCredential", { userName, serviceSpecificCredentialId }, opts.lock),
    );
  for (const k of h.accessKeys)
    removals.push(add("DeleteAccessKey", { userName, accessKeyId: k.id }, opts.lock));
  for (const groupName of h.groups)
    removals.push(add("RemoveUserFromGroup", { userName, groupName }, opts.lock));
  for (const p of h.attachedPolicies)
    removals.push(add("DetachUserPolicy", { userName, policyArn: p.arn }, opts.lock));
  for (const policyName of h.inlinePolicies)
    if (!(opts.keepDeny && policyName === DENY_POLICY))
      removals.push(add("DeleteUserPolicy", { userName, policyName }, opts.lock));
  return { steps, removals };
}

const removalOps = new Set<string>(REMOVAL_OPS);

async function employeeFor(i: UserOffboardInput) {
  if (i.employeeId) {
    const e = await db().employee.findUnique({ where: { id: i.employeeId } });
    if (!e) throw fieldError("employeeId", "That person is not in the directory.");
    // Their own account's user, or (a person with users only elsewhere) one linked to them.
    const theirs = e.iamUserName ? same(e.iamUserName, i.userName) : await hasAccountUser(e.id, i.userName);
    if (!theirs) throw fieldError("userName", `${i.userName} is not ${e.name}'s IAM user.`);
    return e;
  }
  return employeeByIamUser(i.userName);
}

/**
 * Which user to offboard in each account: `users` names it where it differs (a tag-linked user),
 * every other account in `accounts` takes `userName`. Null: the app's own account only.
 */
function targetsOf(i: UserOffboardInput): [accountId: string, userName: string][] | null {
  if (!i.accounts && !i.users) return null;
  const named = new Map((i.users ?? []).map((u) => [u.accountId, u.userName]));
  const ids = [...new Set([...(i.accounts ?? []), ...named.keys()])].sort();
  return ids.map((id) => [id, named.get(id) ?? i.userName]);
}

/** The user offboarding acts on in an account (null: the app's own, or no accounts named). */
function userIn(i: UserOffboardInput, accountId: string | null | undefined): string {
  return (accountId && i.users?.find((u) => u.accountId === accountId)?.userName) || i.userName;
}

/**
 * A user linked to another person is theirs, not this one's: offboarding it here would lock out
 * someone who stays. (Only when the person is known; links are lib/people's, confirmed by an operator.)
 */
async function refuseOthersUsers(
  targets: [string, string][],
  employee: { id: string; name: string } | null,
): Promise<void> {
  if (!employee) return;
  for (const [accountId, userName] of targets) {
    const owner = await personOfAccountUser(accountId, userName);
    if (owner && owner.id !== employee.id)
      throw fieldError(
        "userName",
        `${userName} in account ${accountId} is linked to ${owner.name}, not to ${employee.name}; it is not offboarded with them.`,
      );
  }
}

/**
 * One account's offboarding: lock-out, removals, delete (or disable) and verify, with dependsOn
 * counted within these steps.
 */
function accountSteps(h: UserHoldings, mode: UserOffboardInput["mode"], cutoff: Date): PlannedStep[] {
  const steps: PlannedStep[] = [];
  const add = (op: string, params: Record<string, unknown>, dependsOn: number[] = []) => (
    steps.push({ op, params, dependsOn }),
    steps.length
  );
  const userName = h.userName;
  const lock = [
    ...h.accessKeys.map((k) => add("UpdateAccessKey", { userName, accessKeyId: k.id, status: "Inactive" })),
    add("PutUserPolicy", { userName, policyName: DENY_POLICY, policyDocument: denyAllDocument(cutoff) }),
  ];
  const { steps: removal, removals } = removalSteps(h, { keepDeny: true, lock, offset: steps.length });
  steps.push(...removal);
  const afterRemovals = removals.length ? removals : lock;
  if (mode === "disable") {
    add("VerifyUserDisabled", { userName, denyPolicyName: DENY_POLICY }, afterRemovals);
  } else {
    const undeny = add("DeleteUserPolicy", { userName, policyName: DENY_POLICY }, afterRemovals);
    const del = add("DeleteUser", { userName }, [undeny]);
    add("VerifyUserGone", { userName }, [del]);
  }
  return steps;
}

/**
 * The user in each account (its own name there), read live; null where the account has no such
 * user (one-click offboarding names every account, and planning finds where the person is). An
 * account that cannot be read now — its role refused, unreachable — is in `unread` with the
 * problem in words, so the others are still planned; an account Gatehouse does not manage is bad
 * input and fails the plan, naming it.
 */
async function holdingsIn(targets: [string, string][], ctx: PlanContext) {
  // In parallel: the accounts are independent, and a click should not wait for each in turn.
  const read = await Promise.allSettled(
    targets.map(([id, userName]) => readIn(ctx, id, (iam) => readUserHoldings(iam, userName))),
  );
  // In the order given (the plan, and so its hash, do not depend on which read answered first).
  const found: Record<string, UserHoldings | null> = {};
  const unread: Record<string, string> = {};
  read.forEach((r, n) => {
    const id = targets[n][0];
    if (r.status === "fulfilled") found[id] = r.value;
    else if (toIamError(r.reason).code === "AccountNotInGatehouse") throw r.reason;
    else unread[id] = r.reason instanceof Error ? r.reason.message : String(r.reason);
  });
  return { found, unread };
}

/**
 * An account not read at planning: delete the user there when the step runs. Its DeleteUser
 * meets whatever still hangs on the user as a conflict, and the re-plan (below) reads the account
 * then, deactivates the keys first and removes the rest; no user of that name there, and the
 * step has nothing to do. (The session deny of a read account's plan is not among them: a
 * re-plan may only add removals.)
 */
function unreadSteps(userName: string): PlannedStep[] {
  return [
    { op: "DeleteUser", params: { userName }, dependsOn: [] },
    { op: "VerifyUserGone", params: { userName }, dependsOn: [1] },
  ];
}

/**
 * Offboarding: lock the person out first (keys deactivated, sessions denied), then remove every
 * credential, membership and policy in parallel, then delete the user (or keep it disabled), and
 * verify. Planned from live reads; see lib/people/README.md, "Offboarding",
 * for the order and the re-plan rule. With `accounts`, the same in each account where the user
 * exists: each account's steps carry its id and depend only on each other, so the accounts run
 * side by side and a failure in one stops only that one (lib/changes/README.md, "Accounts").
 */
export const userOffboard = defineKind({
  label: "Offboard",
  input: userOffboardInput,
  oneClickApproval: "one-click offboarding by an admin",
  async plan(i, ctx) {
    const employee = await employeeFor(i);
    const already = employee?.status === "offboarded" ? ` (${employee.name} is already offboarded)` : "";
    // The request may wait expiryDays for approval and then approvalExpiryDays to be executed.
    const { expiryDays, approvalExpiryDays } = await getSettings();
    const cutoff = new Date(Date.now() + (expiryDays + approvalExpiryDays) * DAY_MS);
    Object.assign(ctx.evidence, {
      employee: employee?.email ?? null,
      employeeName: employee?.name ?? null,
      mode: i.mode,
      denyPolicy: DENY_POLICY,
      sessionsIssuedBefore: cutoff.toISOString(),
    });
    const targets = targetsOf(i);
    if (!targets) {
      const h = await readUserHoldings(ctx.iam, i.userName);
      if (!h) throw fieldError("userName", `There is no IAM user named ${i.userName}${already}.`);
      ctx.evidence.before = h;
      return accountSteps(h, i.mode, cutoff);
    }
    await refuseOthersUsers(targets, employee);
    const { found, unread } = await holdingsIn(targets, ctx);
    // Disabling keeps the user for an investigation: it must be read to be locked, so an account
    // that cannot be read fails the plan, naming it (deleting can go ahead, see unreadSteps).
    const unreadIds = Object.keys(unread);
    if (unreadIds.length && i.mode === "disable")
      throw new UserError(Object.values(unread).join(" "), "UNAVAILABLE");
    // "before" per account; an account without the user is recorded as such and gets no steps.
    ctx.evidence.accounts = found;
    if (unreadIds.length) ctx.evidence.unread = unread;
    const steps: PlannedStep[] = [];
    for (const [accountId, userName] of targets) {
      const h = found[accountId];
      const chain = h ? accountSteps(h, i.mode, cutoff) : accountId in unread ? unreadSteps(userName) : [];
      appendSteps(
        steps,
        chain.map((s) => ({ ...s, accountId })),
      );
    }
    if (steps.length === 0) {
      const names = [...new Set(targets.map(([, u]) => u))].join(" or ");
      throw fieldError(
        "userName",
        `There is no IAM user named ${names} in ${targets.length === 1 ? `account ${targets[0][0]}` : `any of the ${targets.length} accounts`}${already}.`,
      );
    }
    return steps;
  },
  summary: (i, evidence) => {
    const unread = Object.keys((evidence.unread ?? {}) as Record<string, string>).length;
    const where = evidence.accounts
      ? ` from ${Object.values(evidence.accounts as Record<string, unknown>).filter(Boolean).length} accounts${unread ? ` and ${unread} not readable when planned` : ""}`
      : "";
    // A user of another name in some account (linked by its tag) is named, so the summary is the whole truth.
    const aliases = (i.users ?? []).filter((u) => !same(u.userName, i.userName));
    const also = aliases.length
      ? `, as ${aliases.map((u) => `${u.userName} in ${u.accountId}`).join(", ")}`
      : "";
    return `Offboard ${evidence.employeeName ?? i.userName} (${i.userName})${where}${also}: ${i.mode === "disable" ? "lock out and disable, keep the user" : "lock out and delete the user"}`;
  },
  target: (i) => `user/${i.userName}`,
  replanOnConflict: {
    triggers: ["DeleteUser", "VerifyUserDisabled"],
    async plan(i, ctx) {
      // The failed step's account: its own user there (a tag-linked user may have another name).
      const h = await readUserHoldings(ctx.iam, userIn(i, ctx.accountId));
      if (!h) return [];
      ctx.evidence.found = h;
      const keys = h.accessKeys.map((k): PlannedStep => ({
        op: "UpdateAccessKey",
        params: { userName: h.userName, accessKeyId: k.id, status: "Inactive" },
        dependsOn: [],
      }));
      const { steps } = removalSteps(h, {
        keepDeny: i.mode === "disable",
        lock: keys.map((_, n) => n + 1),
        offset: keys.length,
      });
      return [...keys, ...steps];
    },
    covers(i, step, batch) {
      const p = step.params;
      const userName = userIn(i, step.accountId);
      if (!removalOps.has(step.op)) return false;
      if (step.op === "UpdateAccessKey" && p.status !== "Inactive") return false;
      if (step.op === "DeleteUserPolicy" && p.policyName === DENY_POLICY && i.mode === "disable")
        return false;
      // A virtual MFA device has no user name in its delete: it must be one this batch takes off the user.
      if (step.op === "DeleteVirtualMFADevice")
        return batch.some(
          (b) =>
            b.op === "DeactivateMFADevice" &&
            b.params.serialNumber === p.serialNumber &&
            typeof b.params.userName === "string" &&
            same(b.params.userName, userName),
        );
      return typeof p.userName === "string" && same(p.userName, userName);
    },
  },
  async onSucceeded(i, ctx) {
    const employee = await employeeFor(i).catch(() => null);
    if (employee) await db().employee.update({ where: { id: employee.id }, data: { status: "offboarded" } });
    const removed = ctx.steps
      .filter((s) => s.status === "done" && !s.op.startsWith("Verify"))
      .map((s) => s.title);
    const verifications = ctx.steps.filter((s) => s.op.startsWith("Verify"));
    // Across accounts, the evidence names each account with what it held and how it was verified.
    const accounts = ctx.evidence.accounts as Record<string, UserHoldings | null> | undefined;
    const unread = (ctx.evidence.unread ?? {}) as Record<string, string>;
    const perAccount = accounts && {
      accounts: [
        ...Object.entries(accounts),
        ...Object.keys(unread).map((id) => [id, undefined] as const),
      ].map(([accountId, before]) => ({
        accountId,
        // undefined: not readable when planned (what was there is in the re-plan's evidence)
        existed: before ?? (accountId in unread ? "not read at planning" : null),
        verified: verifications.find((s) => s.accountId === accountId)?.result ?? null,
      })),
    };
    await audit({
      actor: "system:offboarding",
      action: "people.offboarded",
      target: `user/${i.userName}`,
      requestId: ctx.requestId,
      data: {
        employee: employee?.email ?? null,
        userName: i.userName,
        mode: i.mode,
        existed: ctx.evidence.before ?? null,
        removed,
        verified: verifications[0]?.result ?? null,
        ...perAccount,
        iamRequestIds: ctx.steps.map((s) => s.iamRequestId).filter(Boolean),
      },
    });
  },
});

import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { fieldError } from "@/lib/errors";
import { employeeByIamUser } from "@/lib/people";
import { REMOVAL_OPS, userOffboardInput, type UserOffboardInput } from "./user-offboard.schema";
import { getSettings } from "../settings";
import { defineKind, type PlannedStep } from "../types";
import { readUserHoldings, type UserHoldings } from "@/lib/iam";

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
    if (!e.iamUserName || !same(e.iamUserName, i.userName))
      throw fieldError("userName", `${i.userName} is not ${e.name}'s IAM user.`);
    return e;
  }
  return employeeByIamUser(i.userName);
}

/**
 * Offboarding: lock the person out first (keys deactivated, sessions denied), then remove every
 * credential, membership and policy in parallel, then delete the user (or keep it disabled), and
 * verify. Planned from live reads; see lib/people/README.md, "Offboarding",
 * for the order and the re-plan rule.
 */
export const userOffboard = defineKind({
  label: "Offboard",
  input: userOffboardInput,
  oneClickApproval: "one-click offboarding by an admin",
  async plan(i, ctx) {
    const employee = await employeeFor(i);
    const h = await readUserHoldings(ctx.iam, i.userName);
    if (!h)
      throw fieldError(
        "userName",
        `There is no IAM user named ${i.userName}${employee?.status === "offboarded" ? ` (${employee.name} is already offboarded)` : ""}.`,
      );
    // The request may wait expiryDays for approval and then approvalExpiryDays to be executed.
    const { expiryDays, approvalExpiryDays } = await getSettings();
    const cutoff = new Date(Date.now() + (expiryDays + approvalExpiryDays) * DAY_MS);
    Object.assign(ctx.evidence, {
      employee: employee?.email ?? null,
      employeeName: employee?.name ?? null,
      mode: i.mode,
      denyPolicy: DENY_POLICY,
      sessionsIssuedBefore: cutoff.toISOString(),
      before: h,
    });

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
    if (i.mode === "disable") {
      add("VerifyUserDisabled", { userName, denyPolicyName: DENY_POLICY }, afterRemovals);
    } else {
      const undeny = add("DeleteUserPolicy", { userName, policyName: DENY_POLICY }, afterRemovals);
      const del = add("DeleteUser", { userName }, [undeny]);
      add("VerifyUserGone", { userName }, [del]);
    }
    return steps;
  },
  summary: (i, evidence) =>
    `Offboard ${evidence.employeeName ?? i.userName} (${i.userName}): ${i.mode === "disable" ? "lock out and disable, keep the user" : "lock out and delete the user"}`,
  target: (i) => `user/${i.userName}`,
  replanOnConflict: {
    triggers: ["DeleteUser", "VerifyUserDisabled"],
    async plan(i, ctx) {
      const h = await readUserHoldings(ctx.iam, i.userName);
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
            same(b.params.userName, i.userName),
        );
      return typeof p.userName === "string" && same(p.userName, i.userName);
    },
  },
  async onSucceeded(i, ctx) {
    const employee = await employeeFor(i).catch(() => null);
    if (employee) await db().employee.update({ where: { id: employee.id }, data: { status: "offboarded" } });
    const removed = ctx.steps
      .filter((s) => s.status === "done" && !s.op.startsWith("Verify"))
      .map((s) => s.title);
    const verified = ctx.steps.find((s) => s.op.startsWith("Verify"));
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
        verified: verified?.result ?? null,
        iamRequestIds: ctx.steps.map((s) => s.iamRequestId).filter(Boolean),
      },
    });
  },
});

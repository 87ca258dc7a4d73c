import { describe, expect, it } from "vitest";
import { generateConsolePassword } from "./password";
import { planHash, toStoredSteps } from "./plan";
import { approvalCounts, approvalsRequired, whyNotCounting } from "./view";

describe("planHash", () => {
  const steps = [
    { order: 1, op: "CreateGroup", params: { groupName: "G", path: "/" }, dependsOn: [] },
    { order: 2, op: "AddUserToGroup", params: { userName: "u", groupName: "G" }, dependsOn: [1] },
  ];

  it("is stable under key order and changes with any operation, parameter or dependency", () => {
    const h = planHash(steps);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(planHash([{ ...steps[0], params: { path: "/", groupName: "G" } }, steps[1]])).toBe(h);
    expect(planHash([steps[0], { ...steps[1], params: { userName: "v", groupName: "G" } }])).not.toBe(h);
    expect(planHash([steps[0], { ...steps[1], dependsOn: [] }])).not.toBe(h);
    expect(planHash([steps[0], { ...steps[1], op: "RemoveUserFromGroup" }])).not.toBe(h);
    expect(planHash([steps[1], steps[0]])).not.toBe(h);
  });

  it("covers each step's account, and a step in the app's own account hashes as before accounts", () => {
    const h = planHash(steps);
    expect(planHash(steps.map((s) => ({ ...s, accountId: null })))).toBe(h);
    const inProd = steps.map((s) => ({ ...s, accountId: "111111111111" }));
    expect(planHash(inProd)).not.toBe(h);
    expect(planHash(inProd.map((s) => ({ ...s, accountId: "222222222222" })))).not.toBe(planHash(inProd));
  });
});

describe("toStoredSteps", () => {
  it("refuses a step that depends on a step in another account", () => {
    const user = { userName: "sally" };
    expect(() =>
      toStoredSteps([
        { op: "DeleteLoginProfile", params: user, accountId: "111111111111" },
        { op: "DeleteUser", params: user, accountId: "222222222222", dependsOn: [1] },
      ]),
    ).toThrow("Step 2 (DeleteUser) depends on a step in another account");
    expect(
      toStoredSteps([
        { op: "DeleteLoginProfile", params: user, accountId: "111111111111" },
        { op: "DeleteUser", params: user, accountId: "111111111111", dependsOn: [1] },
      ]).map((s) => s.accountId),
    ).toEqual(["111111111111", "111111111111"]);
  });
});

describe("approval counting", () => {
  const row = { planHash: "a", requester: "olga@example.com", kind: "group.add-member" };
  const rules = {
    singleAdminMode: false,
    singleAdminModeSetting: false,
    twoApproverKinds: ["user.offboard"],
    expiryDays: 7,
    approvalExpiryDays: 7,
    webhookUrl: null,
    activeAdmins: ["ada@example.com", "olga@example.com"],
  };
  const approval = (
    over: Partial<{
      decision: string;
      planHash: string;
      approver: string;
      selfApproved: boolean;
      reason: string | null;
    }>,
  ) => ({
    decision: "approved",
    planHash: "a",
    approver: "ada@example.com",
    selfApproved: false,
    reason: null,
    ...over,
  });

  it("counts only approvals of the current plan by an active admin other than the requester, or self-approvals while single-admin mode applies", () => {
    expect(approvalCounts(approval({}), row, rules)).toBe(true);
    expect(approvalCounts(approval({ planHash: "old" }), row, rules)).toBe(false);
    expect(approvalCounts(approval({ decision: "rejected" }), row, rules)).toBe(false);
    expect(approvalCounts(approval({ approver: "olga@example.com" }), row, rules)).toBe(false);
    // Issue 12 #3: a recorded self-approval counts only while single-admin mode applies, now.
    expect(approvalCounts(approval({ approver: "olga@example.com", selfApproved: true }), row, rules)).toBe(
      false,
    );
    expect(
      approvalCounts(approval({ approver: "olga@example.com", selfApproved: true }), row, {
        ...rules,
        singleAdminMode: true,
      }),
    ).toBe(true);
    // An approver who is no longer an active admin (disabled, demoted) does not count.
    expect(whyNotCounting(approval({}), row, { ...rules, activeAdmins: ["olga@example.com"] })).toBe(
      "the approver is no longer an active admin",
    );
  });

  it("asks two approvers for chosen kinds, except in single-admin mode", () => {
    expect(approvalsRequired("user.offboard", rules)).toBe(2);
    expect(approvalsRequired("group.add-member", rules)).toBe(1);
    expect(approvalsRequired("user.offboard", { ...rules, singleAdminMode: true })).toBe(1);
  });
});

describe("generateConsolePassword", () => {
  it("meets any policy's length and character-class rules, and differs every time", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generateConsolePassword({
        MinimumPasswordLength: 32,
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
      });
      expect(p).toHaveLength(32);
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/[0-9]/);
      expect(p).toMatch(/[!@#$%^&*()_+\-=[\]{}|']/);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
    expect(generateConsolePassword({})).toHaveLength(20);
  });
});

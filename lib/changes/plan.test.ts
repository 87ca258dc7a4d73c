import { describe, expect, it } from "vitest";
import { generatePassword } from "./password";
import { planHash } from "./plan";
import { approvalCounts, approvalsRequired } from "./view";

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
});

describe("approval counting", () => {
  const row = { planHash: "a", requester: "olga@example.com" };
  it("counts only approvals of the current plan by someone other than the requester, or recorded self-approvals", () => {
    expect(approvalCounts({ decision: "approved", planHash: "a", approver: "ada@example.com", selfApproved: false }, row)).toBe(true);
    expect(approvalCounts({ decision: "approved", planHash: "old", approver: "ada@example.com", selfApproved: false }, row)).toBe(false);
    expect(approvalCounts({ decision: "rejected", planHash: "a", approver: "ada@example.com", selfApproved: false }, row)).toBe(false);
    expect(approvalCounts({ decision: "approved", planHash: "a", approver: "olga@example.com", selfApproved: false }, row)).toBe(false);
    expect(approvalCounts({ decision: "approved", planHash: "a", approver: "olga@example.com", selfApproved: true }, row)).toBe(true);
  });

  it("asks two approvers for chosen kinds, except in single-admin mode", () => {
    const settings = { singleAdminMode: false, twoApproverKinds: ["user.offboard"], expiryDays: 7, webhookUrl: null };
    expect(approvalsRequired("user.offboard", settings)).toBe(2);
    expect(approvalsRequired("group.add-member", settings)).toBe(1);
    expect(approvalsRequired("user.offboard", { ...settings, singleAdminMode: true })).toBe(1);
  });
});

describe("generatePassword", () => {
  it("meets any policy's length and character-class rules, and differs every time", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassword({ MinimumPasswordLength: 32, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true });
      expect(p).toHaveLength(32);
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/[0-9]/);
      expect(p).toMatch(/[!@#$%^&*()_+\-=[\]{}|']/);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
    expect(generatePassword({})).toHaveLength(20);
  });
});

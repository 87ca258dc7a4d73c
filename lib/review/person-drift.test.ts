import { describe, expect, it } from "vitest";
import { driftMarks, marked } from "./person-drift";
import type { DriftItem } from "./review-data";

const item = (entityType: string, entity: string, userName: string | null = "sally"): DriftItem => ({
  id: entity,
  entityType,
  entity,
  change: "created",
  summary: entity,
  userName,
  seenAt: "2026-12-01T10:00:00Z",
});

describe("a person's drift marks", () => {
  it("name the group, policy, key, console and MFA each change is about", () => {
    const marks = driftMarks(
      [
        item("groupMembership", "sally ∈ Admins"),
        item("userAttachment", "sally ← AdministratorAccess"),
        item("userInline", "sally/extra"),
        item("accessKey", "sally/AKIAEXAMPLE"),
        item("loginProfile", "sally"),
        item("mfa", "sally"),
        item("groupMembership", "john ∈ Admins", "john"),
        item("user", "bob", null),
      ],
      "Sally",
    );
    expect(marks.count).toBe(6);
    expect(marked(marks.groups, "admins")).toBe(true);
    expect(marked(marks.policies, "AdministratorAccess")).toBe(true);
    expect(marked(marks.policies, "extra")).toBe(true);
    expect(marked(marks.accessKeys, "AKIAEXAMPLE")).toBe(true);
    expect(marks).toMatchObject({ console: true, mfa: true });
    expect(driftMarks([item("groupMembership", "john ∈ Admins", "john")], "sally").count).toBe(0);
  });
});

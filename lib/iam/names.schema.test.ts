import { describe, expect, it } from "vitest";
import { IAM_NAME_FORBIDDEN_CHAR, IAM_NAME_MAX, iamNameSchema, type IamNameKind } from "./names.schema";

// IAM API reference: UserName and RoleName 1–64, GroupName, PolicyName and InstanceProfileName
// 1–128, all of the pattern [\w+=,.@-]+.
const limits: [IamNameKind, number][] = [
  ["user", 64],
  ["role", 64],
  ["group", 128],
  ["policy", 128],
  ["instanceProfile", 128],
];

describe("IAM names", () => {
  it.each(limits)("%s names are 1 to %i characters", (kind, max) => {
    expect(IAM_NAME_MAX[kind]).toBe(max);
    const schema = iamNameSchema(kind);
    expect(schema.safeParse("a".repeat(max)).success).toBe(true);
    expect(schema.safeParse("a".repeat(max + 1)).success).toBe(false);
    expect(schema.safeParse("").success).toBe(false);
    expect(schema.safeParse("   ").success).toBe(false);
  });

  it("accept letters, digits and + = , . @ _ - (trimmed), nothing else", () => {
    const schema = iamNameSchema("user");
    expect(schema.parse("  ada.lovelace+ops=1,x@corp_-  ")).toBe("ada.lovelace+ops=1,x@corp_-");
    for (const bad of ["ada lovelace", "ada/ops", "ada:1", "ada#", "ädä", "a*"])
      expect(schema.safeParse(bad).success, bad).toBe(false);
  });

  it("the forbidden-character pattern is the complement", () => {
    expect("Ada Lovelace/ops#1".replace(IAM_NAME_FORBIDDEN_CHAR, "-")).toBe("Ada-Lovelace-ops-1");
    expect("ada.l+1=x,y@z_-".replace(IAM_NAME_FORBIDDEN_CHAR, "-")).toBe("ada.l+1=x,y@z_-");
  });
});

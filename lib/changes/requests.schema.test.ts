import { describe, expect, it } from "vitest";
import { changeKinds } from "./kinds";
import { createRequestSchema } from "./requests.schema";

describe("createRequestSchema", () => {
  it("has one branch per kind, each with that kind's input", () => {
    const branches = createRequestSchema.options.map((o) => o.shape.kind.value);
    expect([...branches].sort()).toEqual(Object.keys(changeKinds).sort());
  });

  it("validates the input with the kind's schema", () => {
    expect(
      createRequestSchema.safeParse({ kind: "group.add-member", input: { userName: "a", groupName: "b" } })
        .success,
    ).toBe(true);
    const bad = createRequestSchema.safeParse({ kind: "group.add-member", input: { userName: "a b" } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join(".")).sort()).toEqual([
      "input.groupName",
      "input.userName",
    ]);
    expect(createRequestSchema.safeParse({ kind: "no.such-kind", input: {} }).success).toBe(false);
  });
});

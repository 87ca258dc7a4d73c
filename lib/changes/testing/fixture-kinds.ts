import { z } from "zod";
import { changeKinds } from "../kinds";
import { defineKind, type PlannedStep } from "../types";

// Kinds that exist only in tests: bigger plans with dependencies, and a mix of ordinary and
// secret-producing steps, built from the real op table.

const joinNewGroups = defineKind<{ userName: string; groups: string[] }>({
  label: "Test: create groups and join them",
  input: z.object({ userName: z.string().min(1), groups: z.array(z.string().min(1)).min(1) }),
  async plan(input) {
    const steps: PlannedStep[] = [];
    input.groups.forEach((groupName, i) => {
      steps.push({ op: "CreateGroup", params: { groupName } });
      steps.push({ op: "AddUserToGroup", params: { userName: input.userName, groupName }, dependsOn: [2 * i + 1] });
    });
    return steps;
  },
  summary: (input) => `Create ${input.groups.join(", ")} and add ${input.userName}`,
  target: (input) => `user/${input.userName}`,
});

const joinThenKey = defineKind<{ userName: string; groupName: string }>({
  label: "Test: join a group, then get an access key",
  input: z.object({ userName: z.string().min(1), groupName: z.string().min(1) }),
  async plan(input) {
    return [
      { op: "AddUserToGroup", params: { userName: input.userName, groupName: input.groupName } },
      { op: "CreateAccessKey", params: { userName: input.userName }, dependsOn: [1] },
    ];
  },
  summary: (input) => `Add ${input.userName} to ${input.groupName} and issue an access key`,
  target: (input) => `user/${input.userName}`,
});

export function registerFixtureKinds(): void {
  changeKinds["test.join-new-groups"] = joinNewGroups;
  changeKinds["test.join-then-key"] = joinThenKey;
}

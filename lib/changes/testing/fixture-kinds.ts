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
      steps.push({
        op: "AddUserToGroup",
        params: { userName: input.userName, groupName },
        dependsOn: [2 * i + 1],
      });
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

/** Calls of test.follow-up's onSucceeded; `fail: true` makes it throw. */
export const followUps: { requestId: string; ops: string[]; evidence: Record<string, unknown> }[] = [];

const followUp = defineKind<{ userName: string; groupName: string; fail: boolean }>({
  label: "Test: membership with app-side follow-up",
  input: z.object({
    userName: z.string().min(1),
    groupName: z.string().min(1),
    fail: z.boolean().default(false),
  }),
  async plan(input, ctx) {
    ctx.evidence.planned = true;
    return [{ op: "AddUserToGroup", params: { userName: input.userName, groupName: input.groupName } }];
  },
  summary: (input) => `Add ${input.userName} to ${input.groupName} and record it`,
  target: (input) => `user/${input.userName}`,
  async onSucceeded(input, ctx) {
    if (input.fail) throw new Error("bookkeeping table is gone");
    followUps.push({
      requestId: ctx.requestId,
      ops: ctx.steps.map((s) => `${s.op}:${s.status}`),
      evidence: ctx.evidence,
    });
  },
});

/** A kind whose re-plan proposes a step its own `covers` refuses: the engine must add nothing. */
const replanBeyondCover = defineKind<{ userName: string }>({
  label: "Test: delete a user, re-plan outside the cover",
  input: z.object({ userName: z.string().min(1) }),
  plan: async (input) => [{ op: "DeleteUser", params: { userName: input.userName } }],
  summary: (input) => `Delete ${input.userName}`,
  target: (input) => `user/${input.userName}`,
  replanOnConflict: {
    triggers: ["DeleteUser"],
    plan: async (input) => [
      { op: "AddUserToGroup", params: { userName: input.userName, groupName: "DevOps" } },
    ],
    covers: (_input, step) => step.op.startsWith("Delete"),
  },
});

/** A grant and its revocation in one plan: join, wait `seconds`, leave. */
const timedMembership = defineKind<{ userName: string; groupName: string; seconds: number }>({
  label: "Test: join a group for a while",
  input: z.object({ userName: z.string().min(1), groupName: z.string().min(1), seconds: z.number().int() }),
  async plan({ userName, groupName, seconds }) {
    return [
      { op: "AddUserToGroup", params: { userName, groupName } },
      { op: "Wait", params: { subject: `user/${userName}`, seconds }, dependsOn: [1] },
      { op: "RemoveUserFromGroup", params: { userName, groupName }, dependsOn: [2] },
    ];
  },
  summary: (input) => `Add ${input.userName} to ${input.groupName} for ${input.seconds} s`,
  target: (input) => `user/${input.userName}`,
});

/** A removal at a fixed time, approved ahead. */
const datedRemoval = defineKind<{ userName: string; groupName: string; at: string }>({
  label: "Test: leave a group at a time",
  input: z.object({ userName: z.string().min(1), groupName: z.string().min(1), at: z.string() }),
  async plan({ userName, groupName, at }) {
    return [
      { op: "Wait", params: { subject: `user/${userName}`, until: at } },
      { op: "RemoveUserFromGroup", params: { userName, groupName }, dependsOn: [1] },
    ];
  },
  summary: (input) => `Remove ${input.userName} from ${input.groupName} at ${input.at}`,
  target: (input) => `user/${input.userName}`,
});

export function registerFixtureKinds(): void {
  changeKinds["test.timed-membership"] = timedMembership;
  changeKinds["test.dated-removal"] = datedRemoval;
  changeKinds["test.replan-beyond-cover"] = replanBeyondCover;
  changeKinds["test.follow-up"] = followUp;
  changeKinds["test.join-new-groups"] = joinNewGroups;
  changeKinds["test.join-then-key"] = joinThenKey;
}

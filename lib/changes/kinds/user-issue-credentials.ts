import { z } from "zod";
import { iamNameSchema } from "@/lib/iam/names.schema";
import { UserError } from "@/lib/errors";
import { accessKeysOf, loginProfile, requireUser } from "@/lib/iam";
import { defineKind, type PlannedStep } from "../types";

const input = z
  .object({
    userName: iamNameSchema("user"),
    console: z.boolean().default(false),
    accessKey: z.boolean().default(false),
  })
  .refine((v) => v.console || v.accessKey, {
    message: "Choose console access, an access key, or both",
    path: ["console"],
  });

type Input = z.infer<typeof input>;

/** Console password and/or access key for an existing user; the secrets are shown once to the executor. */
export const userIssueCredentials = defineKind<Input>({
  label: "Issue credentials",
  input,
  async plan(i, ctx) {
    await requireUser(ctx.iam, i.userName);
    const keys = await accessKeysOf(ctx.iam, i.userName);
    ctx.evidence.accessKeysBefore = keys.map((k) => ({ id: k.AccessKeyId, status: k.Status }));
    const hasPassword = Boolean(await loginProfile(ctx.iam, i.userName));
    ctx.evidence.consoleAccessBefore = hasPassword;
    if (i.console && hasPassword)
      throw new UserError(`${i.userName} already has console access.`, "INVALID_INPUT", {
        console: ["Already has a console password"],
      });
    if (i.accessKey && keys.length >= 2)
      throw new UserError(`${i.userName} already has two access keys (the IAM limit).`, "INVALID_INPUT", {
        accessKey: ["Already has two access keys"],
      });
    const steps: PlannedStep[] = [];
    if (i.console)
      steps.push({ op: "CreateLoginProfile", params: { userName: i.userName, passwordResetRequired: true } });
    if (i.accessKey) steps.push({ op: "CreateAccessKey", params: { userName: i.userName } });
    return steps;
  },
  summary: (i) =>
    `Issue ${[i.console && "a console password", i.accessKey && "an access key"].filter(Boolean).join(" and ")} for ${i.userName}`,
  target: (i) => `user/${i.userName}`,
});

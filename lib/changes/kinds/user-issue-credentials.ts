import { UserError } from "@/lib/errors";
import { accessKeysOf, loginProfile, requireUser } from "@/lib/iam";
import { employeeByIamUser } from "@/lib/people";
import { defineKind, type PlannedStep } from "../types";
import { userIssueCredentialsInput } from "./user-issue-credentials.schema";

/** Console password and/or access key for an existing user; the secrets are shown once to the executor. */
export const userIssueCredentials = defineKind({
  label: "Issue credentials",
  input: userIssueCredentialsInput,
  async plan(i, ctx) {
    await requireUser(ctx.iam, i.userName);
    const keys = await accessKeysOf(ctx.iam, i.userName);
    ctx.evidence.accessKeysBefore = keys.map((k) => ({ id: k.AccessKeyId, status: k.Status }));
    const hasPassword = Boolean(await loginProfile(ctx.iam, i.userName));
    ctx.evidence.consoleAccessBefore = hasPassword;
    // The title names the person whose user it is.
    const person = await employeeByIamUser(i.userName);
    if (person) ctx.evidence.person = person.name;
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
  summary: (i, evidence) =>
    `Issue ${[i.console && "a console password", i.accessKey && "an access key"].filter(Boolean).join(" and ")} for ${typeof evidence.person === "string" ? `${evidence.person} (${i.userName})` : i.userName}`,
  target: (i) => `user/${i.userName}`,
});

import { z } from "zod";

// IAM's rules for the friendly names the app creates or refers to (the `UserName`, `GroupName`,
// `RoleName`, `PolicyName`, `InstanceProfileName` parameters of the IAM API): one character
// set for all — letters, digits and + = , . @ _ - — and a length limit that depends on the kind.
// The sandbox keeps its own copy of these rules (lib/iam-sandbox/model/params.ts) on purpose:
// it stands in for AWS, so it must not share the app's validation.

const NAME_CHARS = "\\w+=,.@-";

const IAM_NAME_PATTERN = new RegExp(`^[${NAME_CHARS}]+$`);
/** Any one character IAM does not accept in a name (global, for replacing). */
export const IAM_NAME_FORBIDDEN_CHAR = new RegExp(`[^${NAME_CHARS}]`, "g");

export const IAM_NAME_MAX = { user: 64, role: 64, group: 128, policy: 128, instanceProfile: 128 } as const;

export type IamNameKind = keyof typeof IAM_NAME_MAX;

const NOUN: Record<IamNameKind, string> = {
  user: "user name",
  role: "role name",
  group: "group name",
  policy: "policy name",
  instanceProfile: "instance profile name",
};

/** A trimmed IAM name of the given kind. */
export function iamNameSchema(kind: IamNameKind) {
  const max = IAM_NAME_MAX[kind];
  return z
    .string()
    .trim()
    .min(1, `Enter a ${NOUN[kind]}`)
    .max(max, `IAM ${NOUN[kind]}s are at most ${max} characters`)
    .regex(IAM_NAME_PATTERN, "Use only letters, digits and + = , . @ _ -");
}

import { authorizeOn, withinSessionPolicies } from "../auth/authorize";
import { principalOf, requestContext } from "../auth/context";
import { IamError } from "./errors";
import { sessionInputs } from "./session-inputs";
import { issueSession, mfaChecked } from "./sessions";
import { stateOf } from "./accounts";
import { arn, assumedRoleArn, type Ctx } from "./state";
import { trustDecision } from "./trust";
import type { Role } from "./types";

// AssumeRole (docs/iam-facts.md#assumerole): the role's trust policy decides who may assume it
// and who may tag the session; the session then acts with the role's policies, narrowed by any
// session policies it was given (docs/iam-facts.md#session-tags-and-session-policies).

const SESSION_NAME = /^[\w+=,.@-]*$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

function constraint(value: string, field: string, rule: string): IamError {
  return new IamError(
    "ValidationError",
    `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must ${rule}`,
  );
}

/** DurationSeconds: 900 s up to the role's MaxSessionDuration (1 h when chaining). */
function roleDuration(ctx: Ctx, role: Role): number {
  const raw = ctx.p.opt("DurationSeconds");
  const value = raw === undefined ? 3_600 : Number(raw);
  if (!Number.isInteger(value) || value < 900)
    throw constraint(String(raw), "durationSeconds", "have value greater than or equal to 900");
  if (value > 43_200)
    throw constraint(String(raw), "durationSeconds", "have value less than or equal to 43200");
  const max = ctx.caller.kind === "role" ? 3_600 : role.maxSessionDuration;
  if (value > max)
    throw new IamError(
      "ValidationError",
      ctx.caller.kind === "role"
        ? "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."
        : "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    );
  return value;
}

/**
 * The trust policy must allow the caller sts:AssumeRole, and sts:TagSession too when the session
 * gets tags; a statement that names only the account also needs the caller's own policies to,
 * and so does every statement when the role is in another account. The session lives in the
 * role's account: its key signs there.
 */
export function assumeRole(ctx: Ctx) {
  const s = ctx.state;
  const roleArn = ctx.p.req("RoleArn");
  const sessionName = ctx.p.req("RoleSessionName");
  if (sessionName.length < 2)
    throw constraint(sessionName, "roleSessionName", "have length greater than or equal to 2");
  if (sessionName.length > 64)
    throw constraint(sessionName, "roleSessionName", "have length less than or equal to 64");
  if (!SESSION_NAME.test(sessionName))
    throw constraint(sessionName, "roleSessionName", "satisfy regular expression pattern: [\\w+=,.@-]*");
  const externalId = ctx.p.opt("ExternalId");
  if (externalId !== undefined && !EXTERNAL_ID.test(externalId))
    throw constraint(externalId, "externalId", "satisfy regular expression pattern: [\\w+=,.@:\\/-]*");
  const inputs = sessionInputs(ctx);
  if (ctx.caller.kind === "root")
    throw new IamError("AccessDenied", "Roles may not be assumed by root accounts.", 403);
  const principal = principalOf(ctx);
  const [, accountId, name] = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn) ?? [];
  // The role's account: the caller's own, or another account of the sandbox's organization.
  const target =
    accountId === s.accountId ? s : accountId && ctx.accounts && stateOf(ctx.accounts, accountId);
  const role = target && name ? target.roles.get(name.toLowerCase()) : undefined;
  const refuse = (action: string) =>
    new IamError(
      "AccessDenied",
      `User: ${principal?.arn ?? "unknown"} is not authorized to perform: ${action} on resource: ${roleArn}`,
      403,
    );
  if (!principal || !target || !role || arn.role(target, role) !== roleArn) throw refuse("sts:AssumeRole");
  const crossAccount = target !== s;
  const resource = { arn: roleArn, tags: role.tags };
  const context = requestContext(ctx, principal, resource);
  const self = ctx.caller.kind === "role" ? s.roles.get(ctx.caller.role) : undefined;
  const trustCaller = {
    arn: String(principal.context["aws:PrincipalArn"]),
    sessionArn: self && principal.arn,
    accountId: s.accountId,
  };
  const allowed = (action: "sts:AssumeRole" | "sts:TagSession") => {
    const trust = trustDecision(role, roleArn, trustCaller, context, action);
    if (trust === "denied" || trust === "not-trusted") return false;
    // Across accounts the trust policy only opens the door: the caller's own account must
    // also allow the action, whoever the trust policy names.
    if (crossAccount) return !authorizeOn(ctx, action, resource);
    if (trust === "names-session") return true;
    if (trust === "names-caller") return withinSessionPolicies(ctx, action, resource);
    return !authorizeOn(ctx, action, resource);
  };
  if (!allowed("sts:AssumeRole")) throw refuse("sts:AssumeRole");
  if (inputs.tagging && !allowed("sts:TagSession")) throw refuse("sts:TagSession");
  const seconds = roleDuration(ctx, role);
  const mfa = mfaChecked(ctx) || (ctx.caller.session?.mfa ?? false);
  const credentials = issueSession(
    { ...ctx, state: target },
    {
      role: name!.toLowerCase(),
      sessionName,
      mfa,
      ...(inputs.tagging ? { tags: inputs.tags, transitiveTagKeys: inputs.transitiveTagKeys } : {}),
      ...(inputs.policy !== undefined ? { policy: inputs.policy } : {}),
      ...(inputs.policyArns.length ? { policyArns: inputs.policyArns } : {}),
    },
    seconds,
  );
  return {
    Credentials: credentials,
    AssumedRoleUser: {
      AssumedRoleId: `${role.id}:${sessionName}`,
      Arn: assumedRoleArn(target, role, sessionName),
    },
    PackedPolicySize: inputs.packedPolicySize,
  };
}

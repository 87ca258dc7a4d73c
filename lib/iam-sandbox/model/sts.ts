import { IamError, invalidClientToken } from "./errors";
import type { HandlerTable } from "./handler";
import { issueSession } from "./sessions";
import { codeMatches } from "./mfa";
import { arn, assumedRoleArn, type Caller, type Ctx } from "./state";
import { authorizeOn } from "../auth/authorize";
import { principalOf, requestContext } from "../auth/context";
import { trustDecision } from "./trust";
import type { Role, Session, State } from "./types";

// STS, on the same endpoint (docs/iam-facts.md#temporary-credentials-and-revoking-sessions).
// GetSessionToken hands out ASIA… credentials with a session token; the server then accepts
// them as the user (or root) who asked, until they expire.

function durationSeconds(ctx: Ctx): number {
  const raw = ctx.p.opt("DurationSeconds");
  const value = raw === undefined ? 43_200 : Number(raw);
  const max = ctx.caller.kind === "root" ? 3_600 : 129_600;
  if (!Number.isInteger(value) || value < 900 || value > max)
    throw new IamError(
      "ValidationError",
      `1 validation error detected: Value '${raw}' at 'durationSeconds' failed to satisfy constraint: ` +
        `Member must have value ${value < 900 ? "greater than or equal to 900" : `less than or equal to ${max}`}`,
    );
  return value;
}

/** The MFA code, when given, must come from a device of the caller's. */
function mfaChecked(ctx: Ctx): boolean {
  const serial = ctx.p.opt("SerialNumber");
  const code = ctx.p.opt("TokenCode");
  if (serial === undefined && code === undefined) return false;
  const device = serial ? ctx.state.mfaDevices.get(serial) : undefined;
  const mine = ctx.caller.kind === "user" && device?.user === ctx.caller.user;
  if (!device || !mine || !code || !codeMatches(device.seed, code, ctx.now))
    throw new IamError(
      "AccessDenied",
      "MultiFactorAuthentication failed with invalid MFA one time pass code. ",
      403,
    );
  return true;
}

/** Who signs with a session's key: its user (or the root) while it lasts and the user exists. */
export function sessionCaller(state: State, keyId: string, session: Session, now: number): Caller | IamError {
  if (session.expires <= now)
    return new IamError("ExpiredToken", "The security token included in the request is expired", 403);
  const info = { issued: session.issued, mfa: session.mfa };
  if (session.role) {
    if (!state.roles.has(session.role)) return invalidClientToken();
    return { kind: "role", role: session.role, sessionName: session.sessionName ?? "", keyId, session: info };
  }
  if (!session.user) return { kind: "root", keyId, session: info };
  if (!state.users.has(session.user)) return invalidClientToken();
  return { kind: "user", user: session.user, keyId, session: info };
}

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

function constraint(value: string, field: string, rule: string): IamError {
  return new IamError(
    "ValidationError",
    `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must ${rule}`,
  );
}

/** AssumeRole's DurationSeconds: 900 s up to the role's MaxSessionDuration (1 h when chaining). */
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
 * AssumeRole: the role's trust policy must allow the caller (and, when it names only the
 * account, the caller's own policies too); docs/iam-facts.md#assumerole.
 */
function assumeRole(ctx: Ctx) {
  const s = ctx.state;
  const roleArn = ctx.p.req("RoleArn");
  const sessionName = ctx.p.req("RoleSessionName");
  if (!SESSION_NAME.test(sessionName))
    throw constraint(sessionName, "roleSessionName", "satisfy regular expression pattern: [\\w+=,.@-]*");
  const externalId = ctx.p.opt("ExternalId");
  if (externalId !== undefined && !EXTERNAL_ID.test(externalId))
    throw constraint(externalId, "externalId", "satisfy regular expression pattern: [\\w+=,.@:\\/-]*");
  if (ctx.caller.kind === "root")
    throw new IamError("AccessDenied", "Roles may not be assumed by root accounts.", 403);
  const principal = principalOf(ctx);
  const name = /^arn:aws:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(roleArn)?.[1];
  const role = name ? s.roles.get(name.toLowerCase()) : undefined;
  const refuse = () =>
    new IamError(
      "AccessDenied",
      `User: ${principal?.arn ?? "unknown"} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      403,
    );
  if (!principal || !role || arn.role(s, role) !== roleArn) throw refuse();
  const resource = { arn: roleArn, tags: role.tags };
  const context = {
    ...requestContext(ctx, principal, resource),
    ...(externalId !== undefined ? { "sts:ExternalId": externalId } : {}),
  };
  const self = ctx.caller.kind === "role" ? s.roles.get(ctx.caller.role) : undefined;
  const trust = trustDecision(
    role,
    {
      arn: String(principal.context["aws:PrincipalArn"]),
      sessionArn: self && principal.arn,
      accountId: s.accountId,
    },
    context,
  );
  if (trust === "denied" || trust === "not-trusted") throw refuse();
  if (trust === "names-account" && authorizeOn(ctx, "sts:AssumeRole", resource)) throw refuse();
  const seconds = roleDuration(ctx, role);
  const mfa = mfaChecked(ctx) || (ctx.caller.session?.mfa ?? false);
  const credentials = issueSession(ctx, { role: name!.toLowerCase(), sessionName, mfa }, seconds);
  return {
    Credentials: credentials,
    AssumedRoleUser: {
      AssumedRoleId: `${role.id}:${sessionName}`,
      Arn: assumedRoleArn(s, role, sessionName),
    },
  };
}

export const stsHandlers: HandlerTable = {
  AssumeRole: assumeRole,
  GetCallerIdentity(ctx) {
    const s = ctx.state;
    if (ctx.caller.kind === "user") {
      const u = s.users.get(ctx.caller.user)!;
      return { Arn: arn.user(s, u), UserId: u.id, Account: s.accountId };
    }
    if (ctx.caller.kind === "role") {
      const r = s.roles.get(ctx.caller.role)!;
      const session = ctx.caller.sessionName;
      return { Arn: assumedRoleArn(s, r, session), UserId: `${r.id}:${session}`, Account: s.accountId };
    }
    return { Arn: arn.root(s), UserId: s.accountId, Account: s.accountId };
  },
  GetSessionToken(ctx) {
    if (ctx.caller.session)
      throw new IamError("AccessDenied", "Cannot call GetSessionToken with session credentials", 403);
    const seconds = durationSeconds(ctx);
    const mfa = mfaChecked(ctx);
    const user = ctx.caller.kind === "user" ? ctx.caller.user : undefined;
    return { Credentials: issueSession(ctx, { user, mfa }, seconds) };
  },
};

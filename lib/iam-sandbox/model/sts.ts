import { IamError, invalidClientToken } from "./errors";
import type { HandlerTable } from "./handler";
import { assumeRole } from "./assume-role";
import { issueSession, mfaChecked, sessionInfo } from "./sessions";
import { arn, assumedRoleArn, type Caller, type Ctx } from "./state";
import type { Session, State } from "./types";

// STS, on the same endpoint (docs/iam-facts.md#temporary-credentials-and-revoking-sessions).
// GetSessionToken hands out ASIA… credentials with a session token; the server then accepts
// them as the user (or root) who asked, until they expire.

/** 900 s to 36 h, 12 h by default; the root's sessions last at most 1 h, and 1 h by default. */
function durationSeconds(ctx: Ctx): number {
  const raw = ctx.p.opt("DurationSeconds");
  const root = ctx.caller.kind === "root";
  const value = raw === undefined ? (root ? 3_600 : 43_200) : Number(raw);
  if (!Number.isInteger(value) || value < 900 || value > 129_600)
    throw new IamError(
      "ValidationError",
      `1 validation error detected: Value '${raw}' at 'durationSeconds' failed to satisfy constraint: ` +
        `Member must have value ${value < 900 ? "greater than or equal to 900" : "less than or equal to 129600"}`,
    );
  // AWS does not refuse a longer session for the root; it shortens it.
  return root ? Math.min(value, 3_600) : value;
}

/** Who signs with a session's key: its user (or the root) while it lasts and the user exists. */
export function sessionCaller(state: State, keyId: string, session: Session, now: number): Caller | IamError {
  if (session.expires <= now)
    return new IamError("ExpiredToken", "The security token included in the request is expired", 403);
  const info = sessionInfo(session);
  if (session.role) {
    if (!state.roles.has(session.role)) return invalidClientToken();
    return { kind: "role", role: session.role, sessionName: session.sessionName ?? "", keyId, session: info };
  }
  if (!session.user) return { kind: "root", keyId, session: info };
  if (!state.users.has(session.user)) return invalidClientToken();
  return { kind: "user", user: session.user, keyId, session: info };
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
  /** Sessions may not ask for another: auth/authorize.ts refuses them (model/sessions.ts sessionLimit). */
  GetSessionToken(ctx) {
    const seconds = durationSeconds(ctx);
    const mfa = mfaChecked(ctx);
    const user = ctx.caller.kind === "user" ? ctx.caller.user : undefined;
    return { Credentials: issueSession(ctx, { user, mfa }, seconds) };
  },
};

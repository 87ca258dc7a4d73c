import { randomBytes } from "node:crypto";
import { isoTime } from "../http/xml";
import { IamError, invalidClientToken } from "./errors";
import type { HandlerTable } from "./handler";
import { newSecret, newSessionKeyId } from "./ids";
import { codeMatches } from "./mfa";
import { arn, type Caller, type Ctx } from "./state";
import type { Session, State } from "./types";

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

export const stsHandlers: HandlerTable = {
  GetCallerIdentity(ctx) {
    const s = ctx.state;
    if (ctx.caller.kind === "user") {
      const u = s.users.get(ctx.caller.user)!;
      return { Arn: arn.user(s, u), UserId: u.id, Account: s.accountId };
    }
    return { Arn: arn.root(s), UserId: s.accountId, Account: s.accountId };
  },
  GetSessionToken(ctx) {
    if (ctx.caller.session)
      throw new IamError("AccessDenied", "Cannot call GetSessionToken with session credentials", 403);
    const seconds = durationSeconds(ctx);
    const mfa = mfaChecked(ctx);
    const accessKeyId = newSessionKeyId();
    const session = {
      secret: newSecret(),
      token: "IQoJb3JpZ2luX2VjE" + randomBytes(240).toString("base64"),
      user: ctx.caller.kind === "user" ? ctx.caller.user : undefined,
      issued: ctx.now,
      expires: ctx.now + seconds * 1000,
      mfa,
    };
    const sessions = (ctx.state.sessions ??= new Map());
    for (const [id, old] of sessions) if (old.expires <= ctx.now) sessions.delete(id);
    sessions.set(accessKeyId, session);
    return {
      Credentials: {
        AccessKeyId: accessKeyId,
        SecretAccessKey: session.secret,
        SessionToken: session.token,
        Expiration: isoTime(session.expires),
      },
    };
  },
};

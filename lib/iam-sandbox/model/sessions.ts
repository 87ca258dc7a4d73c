import { randomBytes } from "node:crypto";
import { isoTime } from "../http/xml";
import { IamError } from "./errors";
import { newSecret, newSessionKeyId } from "./ids";
import { codeMatches } from "./mfa";
import { sourced, type SourcedPolicy } from "./principal-policies";
import type { Caller, Ctx, SessionInfo } from "./state";
import type { Session, State } from "./types";

// Temporary credentials (docs/iam-facts.md#temporary-credentials-and-revoking-sessions): handing
// them out, what their kind may not call, and the session policies an AssumeRole session carries.

/** Hands out temporary credentials (ASIA key, secret, token) for `who`, for `seconds`. */
export function issueSession(
  ctx: Ctx,
  who: Omit<Session, "secret" | "token" | "issued" | "expires">,
  seconds: number,
) {
  const accessKeyId = newSessionKeyId();
  const session: Session = {
    ...who,
    secret: newSecret(),
    token: "IQoJb3JpZ2luX2VjE" + randomBytes(240).toString("base64"),
    issued: ctx.now,
    expires: ctx.now + seconds * 1000,
  };
  const sessions = (ctx.state.sessions ??= new Map());
  for (const [id, old] of sessions) if (old.expires <= ctx.now) sessions.delete(id);
  sessions.set(accessKeyId, session);
  return {
    AccessKeyId: accessKeyId,
    SecretAccessKey: session.secret,
    SessionToken: session.token,
    Expiration: isoTime(session.expires),
  };
}

/** The MFA code, when given, must come from a device of the caller's (GetSessionToken, AssumeRole). */
export function mfaChecked(ctx: Ctx): boolean {
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

/** What a caller's policies may see of its session: everything but the secrets. */
export function sessionInfo(s: Session): SessionInfo {
  const { issued, mfa, tags, transitiveTagKeys, policy, policyArns } = s;
  return { issued, mfa, tags, transitiveTagKeys, policy, policyArns };
}

/** The STS actions GetSessionToken's credentials may call; AssumeRole's may call all but these two. */
const SESSION_TOKEN_STS = new Set(["AssumeRole", "GetCallerIdentity"]);
const NOT_FROM_ROLE_SESSIONS = new Set(["GetSessionToken", "GetFederationToken"]);

/**
 * The calls a kind of temporary credentials cannot make, whatever the policies say: with
 * GetSessionToken's, no IAM action unless the session was opened with MFA (IAM answers as for a
 * token it does not know) and no STS action but AssumeRole and GetCallerIdentity; with
 * AssumeRole's, not GetSessionToken or GetFederationToken.
 */
export function sessionLimit(caller: Caller, service: string, action: string): IamError | undefined {
  if (!caller.session) return undefined;
  const fromSessionToken = caller.kind !== "role";
  if (fromSessionToken && service === "iam" && !caller.session.mfa)
    return new IamError("InvalidClientTokenId", "The security token included in the request is invalid", 403);
  if (service !== "sts") return undefined;
  if (fromSessionToken ? SESSION_TOKEN_STS.has(action) : !NOT_FROM_ROLE_SESSIONS.has(action))
    return undefined;
  return new IamError("AccessDenied", `Cannot call ${action} with session credentials`, 403);
}

/**
 * The session policies an AssumeRole session was given, or undefined when it was given none.
 * A managed policy is read as it is now (its default version); one that no longer exists allows
 * nothing, so the session is refused rather than let through.
 */
export function sessionPolicies(s: State, session: SessionInfo | undefined): SourcedPolicy[] | undefined {
  if (!session || (session.policy === undefined && !session.policyArns?.length)) return undefined;
  const policies: SourcedPolicy[] = [];
  if (session.policy !== undefined) policies.push(sourced("session-policy", "none", session.policy));
  for (const policyArn of session.policyArns ?? []) {
    const p = s.policies.get(policyArn);
    if (p) policies.push(sourced(p.name, "none", p.versions.get(p.defaultVersion)!.document));
  }
  return policies;
}

import { db, type Member } from "@/lib/db";
import { isUniqueViolation } from "@/lib/errors";
import { env } from "@/lib/env";
import { audit } from "@/lib/audit";
import { normaliseEmail } from "./password";
import { allowsSso } from "./sign-in-method";

// Who an SSO sign-in is. The email claim is only a hint, used once: to find the invited member
// at their first SSO sign-in, and only when the IdP says it verified that address. From then on
// the member is bound to the IdP's (issuer, subject) and found by that alone, so an IdP account
// that later claims the same email (a re-created account, a renamed one, an attacker who can
// set any email) is refused, and audited, instead of becoming the member.

/** The claims that matter, from the verified ID token (iss, sub) and userinfo (email). */
export type SsoIdentity = { issuer: string; subject: string; email: string | null; emailVerified: boolean };

export type SsoRefusal =
  | "email_unverified" // the IdP did not say it verified the email (OIDC_ALLOW_UNVERIFIED_EMAIL off)
  | "no_email" // nothing to find an unbound member by
  | "not_a_member"
  | "disabled"
  | "sso_not_allowed" // the member signs in with a password only
  | "identity_mismatch"; // the member is bound to another (issuer, subject)

export type SsoOutcome =
  { ok: true; member: Member } | { ok: false; reason: SsoRefusal; email: string | null };

const text = (v: unknown) => (typeof v === "string" && v.length > 0 && v.length <= 1024 ? v : null);

/** Reads the identity from the OIDC profile; null when `iss` or `sub` is missing. */
export function ssoIdentity(claims: Record<string, unknown> | undefined): SsoIdentity | null {
  const issuer = text(claims?.iss);
  const subject = text(claims?.sub);
  if (!issuer || !subject) return null;
  const email = text(claims?.email);
  // Some IdPs (older Cognito, for one) send the boolean as a string.
  const verified = claims?.email_verified === true || claims?.email_verified === "true";
  return {
    issuer,
    subject,
    email: email && email.length <= 320 ? normaliseEmail(email) : null,
    emailVerified: verified,
  };
}

/** Decides which member an SSO sign-in is (or why none), binding the identity at the first one. Audits the outcome. */
export async function ssoSignIn(
  identity: SsoIdentity,
  opts: { allowUnverifiedEmail?: boolean } = {},
): Promise<SsoOutcome> {
  const outcome = await resolve(identity, opts.allowUnverifiedEmail ?? env().OIDC_ALLOW_UNVERIFIED_EMAIL);
  const who = outcome.ok ? outcome.member.email : (outcome.email ?? identity.email ?? "unknown");
  const idp = {
    method: "oidc",
    issuer: identity.issuer,
    subject: identity.subject,
    claimedEmail: identity.email,
    emailVerified: identity.emailVerified,
  };
  if (outcome.ok) {
    await db().member.update({ where: { id: outcome.member.id }, data: { lastSignInAt: new Date() } });
    await audit({ actor: who, action: "auth.signed_in", target: who, data: idp });
  } else {
    await audit({
      actor: who,
      action: "auth.signin_refused",
      target: outcome.email ?? identity.email,
      data: { ...idp, reason: outcome.reason },
    });
  }
  return outcome;
}

async function resolve(identity: SsoIdentity, allowUnverifiedEmail: boolean): Promise<SsoOutcome> {
  const refuse = (reason: SsoRefusal, email = identity.email): SsoOutcome => ({ ok: false, reason, email });
  if (!identity.emailVerified && !allowUnverifiedEmail) return refuse("email_unverified");

  const bound = await db().member.findUnique({
    where: { ssoIssuer_ssoSubject: { ssoIssuer: identity.issuer, ssoSubject: identity.subject } },
  });
  if (bound) return admit(bound, refuse);

  if (!identity.email) return refuse("no_email");
  const invited = await db().member.findUnique({ where: { email: identity.email } });
  if (!invited) return refuse("not_a_member");
  const checked = admit(invited, refuse);
  if (!checked.ok) return checked;
  if (invited.ssoSubject !== null) return refuse("identity_mismatch", invited.email);

  // First SSO sign-in: bind, on the condition that nobody bound it in the meantime (two
  // callbacks racing with different subjects: one wins, the other is a mismatch).
  try {
    const { count } = await db().member.updateMany({
      where: { id: invited.id, ssoSubject: null },
      data: { ssoIssuer: identity.issuer, ssoSubject: identity.subject },
    });
    if (count === 0) {
      const now = await db().member.findUnique({ where: { id: invited.id } });
      if (now?.ssoIssuer !== identity.issuer || now?.ssoSubject !== identity.subject)
        return refuse("identity_mismatch", invited.email);
      return admit(now, refuse);
    }
  } catch (e) {
    // The unique (issuer, subject) index: the same IdP account was bound to another member at
    // this very moment. It is that member's, not this one's.
    if (isUniqueViolation(e)) return refuse("identity_mismatch", invited.email);
    throw e;
  }
  await audit({
    actor: invited.email,
    action: "auth.sso_linked",
    target: invited.email,
    data: { issuer: identity.issuer, subject: identity.subject },
  });
  return { ok: true, member: { ...invited, ssoIssuer: identity.issuer, ssoSubject: identity.subject } };
}

function admit(
  member: Member,
  refuse: (reason: SsoRefusal, email?: string | null) => SsoOutcome,
): SsoOutcome {
  if (member.disabled) return refuse("disabled", member.email);
  if (!allowsSso(member.signInMethod)) return refuse("sso_not_allowed", member.email);
  return { ok: true, member };
}

import type { Db } from "@/lib/db";
import { generateOneTimePassword, hashPassword, normaliseEmail } from "./password";
import type { MemberRole } from "./roles";
import { allowsPassword, allowsSso, type SignInMethod } from "./sign-in-method";
import { forgetAccountAttempts } from "./throttle";

export type BootstrapResult =
  { created: false } | { created: true; email: string; generatedPassword: string | null };

/**
 * First run: with no members at all, create the first admin — from ADMIN_EMAIL/ADMIN_PASSWORD
 * when given, else (only when `generate` is set, as `npm run demo` does) with a generated
 * one-time password that the caller prints once. Never runs again once anyone exists.
 */
export async function ensureBootstrapAdmin(
  database: Db,
  opts: { email?: string; password?: string; generate: boolean },
): Promise<BootstrapResult> {
  if ((await database.member.count()) > 0) return { created: false };
  if (!opts.password && !opts.generate) return { created: false };
  const email = normaliseEmail(opts.email ?? "admin@example.com");
  const generatedPassword = opts.password ? null : generateOneTimePassword();
  // Both kinds are handed over, not chosen (printed by the demo, or sitting in the server's
  // configuration): the first sign-in must choose a new password.
  await database.member.create({
    data: {
      email,
      name: "Gatehouse admin",
      role: "admin",
      signInMethod: "password",
      passwordHash: await hashPassword(opts.password ?? generatedPassword!),
      passwordMustChange: true,
      invitedBy: "bootstrap",
    },
  });
  return { created: true, email, generatedPassword };
}

/** Adds a member with a generated one-time password (`npm run admin -- create`); returns the password. */
export async function createMemberWithOneTimePassword(
  database: Db,
  email: string,
  role: MemberRole,
): Promise<string> {
  const password = generateOneTimePassword();
  await database.member.create({
    data: {
      email: normaliseEmail(email),
      role,
      signInMethod: "password",
      passwordHash: await hashPassword(password),
      passwordMustChange: true,
      invitedBy: "command line",
    },
  });
  return password;
}

async function memberByEmail(database: Db, email: string) {
  const member = await database.member.findUnique({ where: { email: normaliseEmail(email) } });
  if (!member) throw new Error(`No member with email ${email}`);
  return member;
}

/**
 * Sets a new generated one-time password for a member (recovery from the command line): it
 * must be changed at the next sign-in, every session ends, and failed attempts are forgotten.
 * An SSO-only member becomes "SSO or password": a password that cannot be used would be no
 * recovery.
 */
export async function resetPassword(database: Db, email: string): Promise<string> {
  const member = await memberByEmail(database, email);
  const password = generateOneTimePassword();
  const signInMethod: SignInMethod | undefined = allowsPassword(member.signInMethod)
    ? undefined
    : "sso-or-password";
  await database.member.update({
    where: { id: member.id },
    data: {
      passwordHash: await hashPassword(password),
      passwordMustChange: true,
      signInMethod,
      disabled: false,
      sessionGeneration: { increment: 1 },
    },
  });
  await forgetAccountAttempts(member.id, database);
  return password;
}

/** Clears a member's failed sign-in attempts (`npm run admin -- unlock`). Returns whether there were any. */
export async function unlockMember(database: Db, email: string): Promise<boolean> {
  return forgetAccountAttempts((await memberByEmail(database, email)).id, database);
}

/**
 * Changes how a member signs in and ends their sessions. What the new method does not allow is
 * removed (the password hash, or the bound SSO identity), so the two stay in step. Returns a
 * one-time password when passwords are newly allowed and the member has none.
 */
export async function setSignInMethod(
  database: Db,
  email: string,
  method: SignInMethod,
): Promise<string | null> {
  const member = await memberByEmail(database, email);
  const password = allowsPassword(method) && !member.passwordHash ? generateOneTimePassword() : null;
  await database.member.update({
    where: { id: member.id },
    data: {
      signInMethod: method,
      ...(allowsPassword(method)
        ? password
          ? { passwordHash: await hashPassword(password), passwordMustChange: true }
          : {}
        : { passwordHash: null, passwordMustChange: false }),
      ...(allowsSso(method) ? {} : { ssoIssuer: null, ssoSubject: null }),
      sessionGeneration: { increment: 1 },
    },
  });
  return password;
}

/** Forgets the SSO identity bound to a member (their IdP account was re-created); the next SSO sign-in binds again. */
export async function unlinkSso(
  database: Db,
  email: string,
): Promise<{ issuer: string | null; subject: string | null }> {
  const member = await memberByEmail(database, email);
  await database.member.update({
    where: { id: member.id },
    data: { ssoIssuer: null, ssoSubject: null, sessionGeneration: { increment: 1 } },
  });
  return { issuer: member.ssoIssuer, subject: member.ssoSubject };
}

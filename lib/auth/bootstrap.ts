import type { Db } from "@/lib/db";
import { generatePassword, hashPassword, normaliseEmail } from "./password";
import { allowsPassword, allowsSso, type SignInMethod } from "./sign-in-method";

export type BootstrapResult =
  | { created: false }
  | { created: true; email: string; generatedPassword: string | null };

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
  const generatedPassword = opts.password ? null : generatePassword();
  await database.member.create({
    data: { email, name: "Gatehouse admin", role: "admin", signInMethod: "password", passwordHash: await hashPassword(opts.password ?? generatedPassword!), invitedBy: "bootstrap" },
  });
  return { created: true, email, generatedPassword };
}

async function memberByEmail(database: Db, email: string) {
  const member = await database.member.findUnique({ where: { email: normaliseEmail(email) } });
  if (!member) throw new Error(`No member with email ${email}`);
  return member;
}

/**
 * Sets a new generated password for a member (recovery from the command line) and ends their
 * sessions. An SSO-only member becomes "SSO or password": a password that cannot be used would
 * be no recovery.
 */
export async function resetPassword(database: Db, email: string): Promise<string> {
  const member = await memberByEmail(database, email);
  const password = generatePassword();
  const signInMethod: SignInMethod | undefined = allowsPassword(member.signInMethod) ? undefined : "sso-or-password";
  await database.member.update({ where: { id: member.id }, data: { passwordHash: await hashPassword(password), signInMethod, disabled: false, sessionGeneration: { increment: 1 } } });
  return password;
}

/**
 * Changes how a member signs in and ends their sessions. What the new method does not allow is
 * removed (the password hash, or the bound SSO identity), so the two stay in step. Returns a
 * one-time password when passwords are newly allowed and the member has none.
 */
export async function setSignInMethod(database: Db, email: string, method: SignInMethod): Promise<string | null> {
  const member = await memberByEmail(database, email);
  const password = allowsPassword(method) && !member.passwordHash ? generatePassword() : null;
  await database.member.update({
    where: { id: member.id },
    data: {
      signInMethod: method,
      ...(allowsPassword(method) ? (password ? { passwordHash: await hashPassword(password) } : {}) : { passwordHash: null }),
      ...(allowsSso(method) ? {} : { ssoIssuer: null, ssoSubject: null }),
      sessionGeneration: { increment: 1 },
    },
  });
  return password;
}

/** Forgets the SSO identity bound to a member (their IdP account was re-created); the next SSO sign-in binds again. */
export async function unlinkSso(database: Db, email: string): Promise<{ issuer: string | null; subject: string | null }> {
  const member = await memberByEmail(database, email);
  await database.member.update({ where: { id: member.id }, data: { ssoIssuer: null, ssoSubject: null, sessionGeneration: { increment: 1 } } });
  return { issuer: member.ssoIssuer, subject: member.ssoSubject };
}

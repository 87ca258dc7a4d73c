import type { Db } from "@/lib/db";
import { generatePassword, hashPassword, normaliseEmail } from "./password";

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
    data: { email, name: "Gatehouse admin", role: "admin", passwordHash: await hashPassword(opts.password ?? generatedPassword!), invitedBy: "bootstrap" },
  });
  return { created: true, email, generatedPassword };
}

/** Sets a new generated password for a member (recovery from the command line) and ends their sessions. */
export async function resetPassword(database: Db, email: string): Promise<string> {
  const member = await database.member.findUnique({ where: { email: normaliseEmail(email) } });
  if (!member) throw new Error(`No member with email ${email}`);
  const password = generatePassword();
  await database.member.update({ where: { id: member.id }, data: { passwordHash: await hashPassword(password), disabled: false, sessionGeneration: { increment: 1 } } });
  return password;
}

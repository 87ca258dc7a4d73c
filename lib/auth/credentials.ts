import { createHmac, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { audit } from "@/lib/audit";
import { burnVerifyTime, normaliseEmail, verifyPassword } from "./password";
import { MAX_PASSWORD_LENGTH } from "./password-policy";
import { accountKey, addressKey, attemptSucceeded, reserveAttempt, unknownAccountKey } from "./throttle";
import { recordUnknownSignIn } from "./unknown-signins";

export type PasswordCheck =
  | { ok: true; member: { id: string; email: string; name: string | null } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

// Throttling an email that is no member must look the same as throttling a member (or the
// answers would tell who is on the team), so it has a key too — a keyed hash, since what was
// typed into the email field can be a password.
let fallbackKey: string | undefined;
const unknownEmailHash = (email: string) =>
  createHmac("sha256", env().NEXTAUTH_SECRET ?? (fallbackKey ??= randomBytes(32).toString("hex")))
    .update(email)
    .digest("base64url");

/**
 * Email + password sign-in. The attempt is reserved with the throttle *before* the password is
 * verified, so parallel guesses cannot outrun the limit. `address` is the client address from
 * lib/auth/client-address.ts (never a header the client chose).
 */
export async function checkPassword(input: {
  email: string;
  password: string;
  address?: string;
}): Promise<PasswordCheck> {
  const email = normaliseEmail(input.email);
  const { password } = input;
  if (!email || !password || email.length > 320 || password.length > MAX_PASSWORD_LENGTH)
    return { ok: false, reason: "invalid" };
  const member = await db().member.findUnique({ where: { email } });
  const account = member ? accountKey(member.id) : unknownAccountKey(unknownEmailHash(email));
  const address = input.address ? addressKey(input.address) : undefined;
  const reservation = await reserveAttempt(address ? [address, account] : [account]);
  if (!reservation.ok)
    return { ok: false, reason: "throttled", retryAfterSeconds: reservation.retryAfterSeconds };

  const valid =
    member?.passwordHash && !member.disabled
      ? await verifyPassword(member.passwordHash, password)
      : (await burnVerifyTime(password), false);
  if (!member || !valid) {
    // A member's failures name the member; for anything else typed, only a count per address.
    if (member)
      await audit({
        actor: member.email,
        action: "auth.signin_failed",
        target: member.email,
        data: { method: "password" },
      });
    else await recordUnknownSignIn(input.address);
    return { ok: false, reason: "invalid" };
  }
  await attemptSucceeded(account, address);
  return { ok: true, member: { id: member.id, email: member.email, name: member.name } };
}

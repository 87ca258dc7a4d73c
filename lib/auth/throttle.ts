import { db, type Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/errors";

// Sign-in throttling. Every attempt is *reserved* before the password is verified: the key's
// row is moved from version v to v + 1 with one conditional UPDATE, so of any number of
// parallel attempts only those that win a slot are verified, on SQLite and PostgreSQL alike.
// The first attempts are free; after that each one must wait a delay that doubles, up to a
// cap, instead of a hard lock-out: a few wrong guesses cost the real owner half a minute, not
// a quarter of an hour, while guessing stays at a few tries an hour. A key that has seen no
// attempt for an hour is forgotten. A successful sign-in clears the account's key; an admin
// (Settings → Team) or `npm run admin -- unlock <email>` can clear it too.

const FREE_ATTEMPTS = { account: 5, address: 30 } as const;
const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 15 * 60_000;
const FORGET_AFTER_MS = 60 * 60_000;

export type ThrottleKey = { key: string; free: number };

export const accountKey = (memberId: string): ThrottleKey => ({
  key: `member:${memberId}`,
  free: FREE_ATTEMPTS.account,
});
export const addressKey = (address: string): ThrottleKey => ({
  key: `ip:${address}`,
  free: FREE_ATTEMPTS.address,
});
/** An email that is no member: `hashed` is a keyed hash of it (what was typed is never stored). */
export const unknownAccountKey = (hashed: string): ThrottleKey => ({
  key: `unknown:${hashed}`,
  free: FREE_ATTEMPTS.account,
});

/** The wait imposed after the n-th attempt in a row: none while attempts are free, then 30 s, 1 min, 2 min, … 15 min. */
export function delayAfter(attempts: number, free: number): number {
  if (attempts < free) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (attempts - free));
}

export type Reservation = { ok: true } | { ok: false; retryAfterSeconds: number };

async function reserveKey({ key, free }: ThrottleKey, now: Date): Promise<Reservation> {
  const rows = db().signInThrottle;
  // Each round either wins the slot, is refused, or lost a race to another attempt and reads again.
  for (let round = 0; round < 200; round++) {
    const row = await rows.findUnique({ where: { key } });
    if (!row) {
      try {
        await rows.create({
          data: {
            key,
            failures: 1,
            notBefore: new Date(now.getTime() + delayAfter(1, free)),
            lastAttemptAt: now,
          },
        });
        return { ok: true };
      } catch (e) {
        if (isUniqueViolation(e)) continue; // another attempt created it first
        throw e;
      }
    }
    const forgotten = now.getTime() - row.lastAttemptAt.getTime() > FORGET_AFTER_MS;
    // Only past the free attempts is there a wait (a parallel attempt's clock may be a few ms ahead).
    if (!forgotten && row.failures >= free && row.notBefore > now)
      return { ok: false, retryAfterSeconds: Math.ceil((row.notBefore.getTime() - now.getTime()) / 1000) };
    const attempts = (forgotten ? 0 : row.failures) + 1;
    const { count } = await rows.updateMany({
      where: { key, version: row.version },
      data: {
        failures: attempts,
        notBefore: new Date(now.getTime() + delayAfter(attempts, free)),
        lastAttemptAt: now,
        version: { increment: 1 },
      },
    });
    if (count === 1) return { ok: true };
  }
  throw new Error(`sign-in throttle: could not reserve an attempt for ${key.split(":")[0]}`);
}

/**
 * Reserves one attempt on every key (the client address first, then the account), or says how
 * long to wait. A reserved attempt counts as a failure until `attemptSucceeded` says otherwise.
 */
export async function reserveAttempt(keys: ThrottleKey[], now = new Date()): Promise<Reservation> {
  for (const key of keys) {
    const r = await reserveKey(key, now);
    if (!r.ok) return r;
  }
  return { ok: true };
}

/** The right password: the account starts afresh; the address gets its attempt back. */
export async function attemptSucceeded(account: ThrottleKey, address?: ThrottleKey): Promise<void> {
  await db().signInThrottle.deleteMany({ where: { key: account.key } });
  if (address)
    await db().signInThrottle.updateMany({
      where: { key: address.key, failures: { gt: 0 } },
      data: { failures: { decrement: 1 }, version: { increment: 1 } },
    });
}

/** Seconds until the member may try again (0 when not throttled), for Settings → Team. */
export async function accountWaitSeconds(
  memberIds: string[],
  now = new Date(),
): Promise<Map<string, number>> {
  const rows = await db().signInThrottle.findMany({
    where: { key: { in: memberIds.map((id) => accountKey(id).key) }, notBefore: { gt: now } },
  });
  return new Map(
    rows.map((r) => [
      r.key.slice("member:".length),
      Math.ceil((r.notBefore.getTime() - now.getTime()) / 1000),
    ]),
  );
}

/**
 * Forgets a member's failed attempts: unlock (Settings → Team, `npm run admin -- unlock`), a
 * password reset, the right current password. Returns whether there were any.
 */
export async function forgetAccountAttempts(memberId: string, database: Db = db()): Promise<boolean> {
  const { count } = await database.signInThrottle.deleteMany({ where: { key: accountKey(memberId).key } });
  return count > 0;
}

import { db } from "@/lib/db";

// Failed sign-ins are counted per email and per client address over a sliding window.
const WINDOW_MS = 15 * 60 * 1000;
const LIMITS = { email: 5, ip: 30 } as const;

type Keys = { email: string; ip?: string };

const keysOf = ({ email, ip }: Keys) => [`email:${email}`, ...(ip ? [`ip:${ip}`] : [])];

/** Minutes until another attempt is allowed, or 0 when not throttled. */
export async function throttledFor(keys: Keys, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - WINDOW_MS);
  let wait = 0;
  for (const key of keysOf(keys)) {
    const limit = key.startsWith("email:") ? LIMITS.email : LIMITS.ip;
    const recent = await db().signInAttempt.findMany({
      where: { key, at: { gt: since } },
      orderBy: { at: "desc" },
      take: limit,
      select: { at: true },
    });
    if (recent.length >= limit) {
      const oldest = recent[recent.length - 1].at.getTime();
      wait = Math.max(wait, Math.ceil((oldest + WINDOW_MS - now.getTime()) / 60000));
    }
  }
  return wait;
}

export async function recordFailure(keys: Keys): Promise<void> {
  await db().signInAttempt.createMany({ data: keysOf(keys).map((key) => ({ key })) });
}

export async function clearFailures(email: string): Promise<void> {
  await db().signInAttempt.deleteMany({ where: { key: `email:${email}` } });
}

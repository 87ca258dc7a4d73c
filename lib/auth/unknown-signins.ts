import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/errors";
import { audit } from "@/lib/audit";

// Failed sign-ins for emails that are no member. The audit log is permanent, and the text typed
// into the email field is often a password typed into the wrong box, so none of it is kept:
// one counter row per client address and hour, and one audit entry when an address's first
// such failure in that hour happens (the count is in UnknownSignInTally, see Settings → Team).

const TALLY_WINDOW_MS = 60 * 60_000;

export async function recordUnknownSignIn(address: string | undefined, now = new Date()): Promise<void> {
  const key = {
    address: address ?? "unknown",
    windowStart: new Date(Math.floor(now.getTime() / TALLY_WINDOW_MS) * TALLY_WINDOW_MS),
  };
  let count = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      ({ count } = await db().unknownSignInTally.upsert({
        where: { address_windowStart: key },
        create: { ...key, count: 1, lastAt: now },
        update: { count: { increment: 1 }, lastAt: now },
      }));
      break;
    } catch (e) {
      // Two first failures at once: one creates the row, the other increments it.
      if (!isUniqueViolation(e) || attempt >= 5) throw e;
    }
  }
  if (count === 1) {
    await audit({
      actor: "unknown",
      action: "auth.signin_failed_unknown",
      target: null,
      data: {
        method: "password",
        address: key.address,
        window: key.windowStart.toISOString(),
        counted: "further failures from this address in this hour are counted, not logged",
      },
    });
  }
}

export type UnknownSignInView = { address: string; windowStart: string; count: number; lastAt: string };

/** The last day's counts, busiest first. */
export async function recentUnknownSignIns(now = new Date()): Promise<UnknownSignInView[]> {
  const rows = await db().unknownSignInTally.findMany({
    where: { windowStart: { gte: new Date(now.getTime() - 24 * TALLY_WINDOW_MS) } },
    orderBy: [{ count: "desc" }, { lastAt: "desc" }],
    take: 50,
  });
  return rows.map((r) => ({
    address: r.address,
    windowStart: r.windowStart.toISOString(),
    count: r.count,
    lastAt: r.lastAt.toISOString(),
  }));
}

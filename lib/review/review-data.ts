import "server-only";
import { db } from "@/lib/db";
import { peopleOfAccountUsers } from "@/lib/people";
import type { PersonLink } from "./matrix-view";
import { latestSnapshot, reviewedAccount, type Snapshot } from "./snapshot-store";

// What the review pages and routes read: the newest snapshot, the people linked to IAM users and
// the unexplained drift.

/**
 * Each account's people as the review shows them: every active person, with `iamUserName` their
 * IAM user *in that account* (null: none there). Which user is whose is lib/people's one rule
 * (`peopleOfAccountUsers`: a confirmed link wins, then the same user name unless it is someone
 * else's there), so a tag-linked staging `jane.doe` is Jane's and a sandbox `sally` linked to
 * another person is not Sally's. A user of an offboarded person is nobody's, as it always was.
 * A few queries for any number of accounts.
 */
export async function peopleLinksIn(accountIds: string[]): Promise<Map<string, PersonLink[]>> {
  const [everyone, byAccount] = await Promise.all([
    db().employee.findMany({ where: { status: "active" }, select: { id: true, name: true, jobRole: true } }),
    peopleOfAccountUsers(accountIds),
  ]);
  const out = new Map<string, PersonLink[]>();
  for (const [accountId, users] of byAccount) {
    const list: PersonLink[] = [];
    const withUser = new Set<string>();
    for (const [userName, p] of users) {
      if (p.status !== "active") continue;
      list.push({ name: p.name, jobRole: p.jobRole, iamUserName: userName });
      withUser.add(p.id);
    }
    // People without a user here still count (the single-account matrix lists them).
    for (const p of everyone)
      if (!withUser.has(p.id)) list.push({ name: p.name, jobRole: p.jobRole, iamUserName: null });
    out.set(accountId, list);
  }
  return out;
}

/** One account's people (see `peopleLinksIn`). */
export async function peopleLinks(accountId: string): Promise<PersonLink[]> {
  return (await peopleLinksIn([accountId])).get(accountId) ?? [];
}

export const DRIFT_WINDOW_DAYS = 30;

export interface DriftItem {
  id: string;
  entityType: string;
  entity: string;
  change: string;
  summary: string;
  userName: string | null;
  seenAt: string;
}

/** Out-of-band drift in the account (default: home) seen in the last 30 days (newest first). */
export async function recentDrift(limit = 500, accountId?: string | null): Promise<DriftItem[]> {
  const account = await reviewedAccount(accountId);
  return driftWhere(account ? { snapshot: { accountId: account } } : {}, limit);
}

/**
 * Open drift: out-of-band (no request explains it), not acknowledged, seen in the window. The one
 * definition the drift panel, the sync toast, the matrix flags and the People badges share.
 */
export const openDrift = () => ({
  explainedBy: null,
  acknowledgedAt: null,
  seenAt: { gte: new Date(Date.now() - DRIFT_WINDOW_DAYS * 86_400_000) },
});

/** Open drift, newest first. */
export async function driftWhere(
  where: { snapshot?: { accountId: string } },
  limit: number,
): Promise<(DriftItem & { accountId: string; detail: Record<string, unknown> })[]> {
  const rows = await db().driftFinding.findMany({
    where: { ...openDrift(), ...where },
    orderBy: { seenAt: "desc" },
    take: limit,
    include: { snapshot: { select: { accountId: true } } },
  });
  return rows.map((r) => {
    const detail = (r.detail ?? {}) as { userName?: string; summary?: string };
    return {
      id: r.id,
      entityType: r.entityType,
      entity: r.entity,
      change: r.change,
      summary: detail.summary ?? `${r.entityType} ${r.change}: ${r.entity}`,
      userName: detail.userName ?? null,
      seenAt: r.seenAt.toISOString(),
      accountId: r.snapshot.accountId,
      detail: detail as Record<string, unknown>,
    };
  });
}

/** Out-of-band changes of the last 30 days of one person's (or one unclaimed user name's) users. */
export interface UserDrift {
  count: number;
  /** Ids of the accounts with drift, in the order the drift was seen (newest first). */
  accounts: string[];
  /** The IAM user of the newest drift: the person's user there (a linked user may have another name). */
  userName: string;
}

/**
 * For the People page's drift badge: out-of-band changes in 30 days, in every account, by person
 * (each account's users resolved with lib/people's rule, so a tag-linked `jane.doe` in staging
 * counts for Jane) and, for users that are nobody's, by lower-cased user name.
 */
export async function driftByPerson(): Promise<{
  byPerson: Map<string, UserDrift>;
  byUser: Map<string, UserDrift>;
}> {
  const items = (await driftWhere({}, 5000)).filter((d) => d.userName);
  const people = await peopleOfAccountUsers([...new Set(items.map((d) => d.accountId))]);
  const byPerson = new Map<string, UserDrift>();
  const byUser = new Map<string, UserDrift>();
  for (const d of items) {
    const name = d.userName!.toLowerCase();
    const person = people.get(d.accountId)?.get(name);
    const [map, key] = person ? [byPerson, person.id] : [byUser, name];
    const entry = map.get(key) ?? { count: 0, accounts: [], userName: d.userName! };
    entry.count++;
    if (!entry.accounts.includes(d.accountId)) entry.accounts.push(d.accountId);
    map.set(key, entry);
  }
  return { byPerson, byUser };
}

export function countByUser(items: DriftItem[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of items)
    if (d.userName) out.set(d.userName.toLowerCase(), (out.get(d.userName.toLowerCase()) ?? 0) + 1);
  return out;
}

export interface ReviewData {
  snapshot: Snapshot;
  /** The people of the snapshot's account, `iamUserName` being their user there (`peopleLinks`). */
  people: PersonLink[];
  /** Out-of-band changes per lower-cased IAM user name, from `driftItems`. */
  drift: Map<string, number>;
  /** Unexplained drift of the last 30 days, newest first (up to 5,000; none with `drift: false`). */
  driftItems: DriftItem[];
}

/** The account's (default: home) newest snapshot, its drift, and the people. */
export async function reviewData(
  opts: { drift?: boolean; accountId?: string | null } = {},
): Promise<ReviewData | null> {
  const [snapshot, driftItems] = await Promise.all([
    latestSnapshot(opts.accountId),
    opts.drift === false ? [] : recentDrift(5000, opts.accountId),
  ]);
  if (!snapshot) return null;
  // The snapshot's own account: who is whom depends on the account (links, names linked elsewhere).
  const people = await peopleLinks(snapshot.accountId);
  return { snapshot, people, drift: countByUser(driftItems), driftItems };
}

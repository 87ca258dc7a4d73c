import { db, type Employee } from "@/lib/db";

/**
 * The employee linked to an IAM user, other than `exceptId`. IAM user names are unique without
 * regard to case, so the match ignores case (in code: SQLite and PostgreSQL compare differently).
 */
export async function employeeByIamUser(userName: string, exceptId?: string) {
  const linked = await db().employee.findMany({
    where: { iamUserName: { not: null }, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
  });
  return linked.find((e) => e.iamUserName!.toLowerCase() === userName.toLowerCase()) ?? null;
}

/**
 * The person an IAM user in a managed account is linked to (PersonAccountLink), if any. Compared
 * ignoring case in code, as above: IAM would not hold "Sally" and "sally" in one account.
 */
export async function personOfAccountUser(accountId: string, userName: string) {
  const links = await db().personAccountLink.findMany({ where: { accountId }, include: { person: true } });
  return links.find((l) => l.userName.toLowerCase() === userName.toLowerCase())?.person ?? null;
}

/** Whether the person has a confirmed link to an IAM user of this name in any account. */
export async function hasAccountUser(personId: string, userName: string): Promise<boolean> {
  const links = await db().personAccountLink.findMany({ where: { personId }, select: { userName: true } });
  return links.some((l) => l.userName.toLowerCase() === userName.toLowerCase());
}

/** A person as the review names them for an IAM user. */
export type AccountUserPerson = Pick<
  Employee,
  "id" | "name" | "email" | "jobRole" | "status" | "iamUserName"
>;

/**
 * Which person each IAM user of these accounts is, for every account at once: account id →
 * (lower-cased user name → person), three queries whatever the accounts and users. A user
 * missing from its account's map is nobody's. The one rule, in order:
 *
 * 1. a confirmed PersonAccountLink for (account, user name) wins;
 * 2. otherwise the person whose Employee.iamUserName is that name (their user in the app's own
 *    account, and people repeat their user name across accounts) — unless, in that account, the
 *    name is linked to someone else, that person has a linked user of their own (one user per
 *    person and account), or an operator dismissed that user for them ("not this person").
 *
 * These are the accounts one-click offboarding takes (offboardTargetsFor), so what the review
 * shows as someone's is what offboarding them removes. Offboarded people are returned as such
 * (status): a user of theirs does not fall back to anyone else; callers decide how to show them.
 */
export async function peopleOfAccountUsers(
  accountIds: string[],
): Promise<Map<string, Map<string, AccountUserPerson>>> {
  const ids = [...new Set(accountIds)];
  const out = new Map<string, Map<string, AccountUserPerson>>();
  if (ids.length === 0) return out;
  const lower = (s: string) => s.toLowerCase();
  const [people, links, dismissals] = await Promise.all([
    db().employee.findMany({
      select: { id: true, name: true, email: true, jobRole: true, status: true, iamUserName: true },
      orderBy: { createdAt: "asc" },
    }),
    db().personAccountLink.findMany({
      where: { accountId: { in: ids } },
      select: { accountId: true, userName: true, personId: true },
    }),
    db().personAccountDismissal.findMany({
      where: { accountId: { in: ids } },
      select: { accountId: true, userName: true, personId: true },
    }),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  for (const accountId of ids) {
    const users = new Map<string, AccountUserPerson>();
    const here = links.filter((l) => l.accountId === accountId);
    for (const l of here) {
      const person = byId.get(l.personId);
      if (person) users.set(lower(l.userName), person);
    }
    const linkedHere = new Set(here.map((l) => l.personId));
    const dismissed = new Set(
      dismissals
        .filter((d) => d.accountId === accountId)
        .map((d) => `${d.personId}\u0000${lower(d.userName)}`),
    );
    for (const p of people) {
      if (!p.iamUserName) continue;
      const name = lower(p.iamUserName);
      if (users.has(name) || linkedHere.has(p.id) || dismissed.has(`${p.id}\u0000${name}`)) continue;
      users.set(name, p);
    }
    out.set(accountId, users);
  }
  return out;
}

/** The same rule for one IAM user in one account: its person, or null when it is nobody's. */
export async function personForAccountUser(
  accountId: string,
  userName: string,
): Promise<AccountUserPerson | null> {
  return (await peopleOfAccountUsers([accountId])).get(accountId)?.get(userName.toLowerCase()) ?? null;
}

/**
 * Lower-cased IAM user name (of the app's own account, or a linked one) and e-mail → the person's
 * id, for the people among `keys`: pages that name people link them to their page (the audit log).
 */
export async function personIdsByName(keys: string[]): Promise<Map<string, string>> {
  const wanted = new Set(keys.map((k) => k.toLowerCase()));
  const out = new Map<string, string>();
  if (wanted.size === 0) return out;
  const [people, links] = await Promise.all([
    db().employee.findMany({ select: { id: true, email: true, iamUserName: true } }),
    db().personAccountLink.findMany({ select: { userName: true, personId: true } }),
  ]);
  const add = (key: string | null, id: string) => {
    const k = key?.toLowerCase();
    if (k && wanted.has(k) && !out.has(k)) out.set(k, id);
  };
  for (const p of people) {
    add(p.iamUserName, p.id);
    add(p.email, p.id);
  }
  for (const l of links) add(l.userName, l.personId);
  return out;
}

import { db } from "@/lib/db";

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

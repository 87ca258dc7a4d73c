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

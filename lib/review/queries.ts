import "server-only";
import { db } from "@/lib/db";

/** Job role name → the IAM group that carries its templates. */
export async function roleGroups(): Promise<Map<string, string>> {
  const rows = await db().jobRole.findMany({ select: { name: true, groupName: true } });
  return new Map(rows.map((r) => [r.name, r.groupName]));
}

export async function jobRoleNames(): Promise<string[]> {
  const rows = await db().jobRole.findMany({ select: { name: true }, orderBy: { name: "asc" } });
  return rows.map((r) => r.name);
}

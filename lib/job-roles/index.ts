// lib/job-roles — the JobRole table: a job role names the IAM group that carries its templates
// (and AWS-managed policies). Created by the group.create change kind once its plan succeeded;
// read by onboarding and the access review. Every JobRole query lives here.
import { db, type Db, type JobRole } from "@/lib/db";

export type { JobRole };

/** What creating a job role stores (the group itself is created in IAM by the change request). */
export interface NewJobRole {
  name: string;
  groupName: string;
  description: string;
  templates: readonly string[];
  managedPolicyArns: readonly string[];
  console: boolean;
  programmatic: boolean;
}

/** Job roles for the onboarding wizard, by name. */
export function listJobRoles() {
  return db().jobRole.findMany({
    orderBy: { name: "asc" },
    select: { name: true, groupName: true, description: true, console: true, programmatic: true },
  });
}

/** Job role name → the IAM group that carries its templates. */
export async function jobRoleGroups(): Promise<Map<string, string>> {
  const rows = await db().jobRole.findMany({ select: { name: true, groupName: true } });
  return new Map(rows.map((r) => [r.name, r.groupName]));
}

export async function jobRoleNames(): Promise<string[]> {
  const rows = await db().jobRole.findMany({ select: { name: true }, orderBy: { name: "asc" } });
  return rows.map((r) => r.name);
}

/** Whether a job role already uses this name or this group. */
export async function jobRoleTaken(name: string, groupName: string): Promise<boolean> {
  return (await db().jobRole.findFirst({ where: { OR: [{ name }, { groupName }] } })) !== null;
}

/** Stores a job role; `database` is the app's unless a seed script passes its own. */
export async function createJobRole(role: NewJobRole, database: Db = db()): Promise<void> {
  await database.jobRole.create({
    data: {
      ...role,
      templates: role.templates.map((template) => ({ template })),
      managedPolicyArns: [...role.managedPolicyArns],
    },
  });
}

// lib/job-roles — the JobRole table: a job role names the IAM group that carries its templates
// (and AWS-managed policies). Created by the group.create change kind once its plan succeeded
// (its accounts changed later by jobrole.accounts, likewise once it succeeded);
// read by onboarding and the access review. Every JobRole query lives here.
//
// `accounts` says in which AWS accounts (AwsAccount ids) the role's group exists: null is the
// app's own account only — every job role made before accounts, and the seeds — so onboarding
// and publishing plan exactly as they did then. A list is kept sorted and without repeats, so the
// same set always plans the same steps (and plan hash).
import { db, DbNull, type Db, type JobRole } from "@/lib/db";

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
  /** AwsAccount ids where the group exists; null or absent = the app's own account only. */
  accounts?: readonly string[] | null;
}

/** A stored `accounts` value read back: a sorted list of account ids, or null (the app's own only). */
export function accountsOf(role: Pick<JobRole, "accounts">): string[] | null {
  const raw = role.accounts;
  if (!Array.isArray(raw)) return null;
  const ids = raw.filter((a): a is string => typeof a === "string");
  return ids.length ? [...new Set(ids)].sort() : null;
}

/** Job roles for the onboarding wizard, by name. */
export function listJobRoles() {
  return db()
    .jobRole.findMany({
      orderBy: { name: "asc" },
      select: {
        name: true,
        groupName: true,
        description: true,
        console: true,
        programmatic: true,
        accounts: true,
      },
    })
    .then((rows) => rows.map((r) => ({ ...r, accounts: accountsOf(r) })));
}

/** One job role as planners need it: its group, templates, AWS-managed policies and accounts; null when none. */
export async function getJobRole(name: string): Promise<{
  name: string;
  groupName: string;
  templates: string[];
  managedPolicyArns: string[];
  accounts: string[] | null;
} | null> {
  const r = await db().jobRole.findUnique({ where: { name } });
  if (!r) return null;
  const strings = (v: unknown) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  return {
    name: r.name,
    groupName: r.groupName,
    // Stored as a JSON list of { template } (createJobRole).
    templates: (Array.isArray(r.templates) ? r.templates : []).flatMap((t) => {
      const name = (t as { template?: unknown } | null)?.template;
      return typeof name === "string" ? [name] : [];
    }),
    managedPolicyArns: strings(r.managedPolicyArns),
    accounts: accountsOf(r),
  };
}

/** Job roles by their group's name (exactly as stored), with their accounts. */
export async function jobRolesByGroup(
  groupNames: readonly string[],
): Promise<Map<string, { name: string; accounts: string[] | null }>> {
  if (groupNames.length === 0) return new Map();
  const rows = await db().jobRole.findMany({
    where: { groupName: { in: [...groupNames] } },
    select: { name: true, groupName: true, accounts: true },
  });
  return new Map(rows.map((r) => [r.groupName, { name: r.name, accounts: accountsOf(r) }]));
}

/** Job roles whose templates include this one, with their group and accounts (template.publish). */
export async function jobRolesUsingTemplate(template: string): Promise<TemplateJobRole[]> {
  return (await jobRolesByTemplate()).get(template) ?? [];
}

type TemplateJobRole = { name: string; groupName: string; accounts: string[] | null };

/** Template name → the job roles using it, by name: every template's at once (one query). */
export async function jobRolesByTemplate(): Promise<Map<string, TemplateJobRole[]>> {
  // Templates are a JSON list of { template }; read here, the same on SQLite and PostgreSQL.
  const rows = await db().jobRole.findMany({
    orderBy: { name: "asc" },
    select: { name: true, groupName: true, templates: true, accounts: true },
  });
  const out = new Map<string, TemplateJobRole[]>();
  for (const r of rows)
    for (const t of Array.isArray(r.templates) ? r.templates : []) {
      const template = (t as { template?: unknown } | null)?.template;
      if (typeof template !== "string") continue;
      const roles = out.get(template) ?? [];
      if (!roles.some((x) => x.name === r.name))
        roles.push({ name: r.name, groupName: r.groupName, accounts: accountsOf(r) });
      out.set(template, roles);
    }
  return out;
}

/**
 * Sets where a job role's group exists (null: the app's own account only). Only what IAM already
 * holds should be recorded here: jobrole.accounts calls it once its request has made (or
 * deleted) the groups.
 */
export async function setJobRoleAccounts(name: string, accounts: readonly string[] | null): Promise<void> {
  await db().jobRole.update({
    where: { name },
    data: { accounts: accounts?.length ? [...new Set(accounts)].sort() : DbNull },
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
      accounts: role.accounts?.length ? [...new Set(role.accounts)].sort() : DbNull,
    },
  });
}

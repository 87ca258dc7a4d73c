import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit";
import { NotFoundError, UserError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/session";
import { iamClients } from "@/lib/iam/server";
import { fetchCredentialReport, userDetail, type ReportRow } from "@/lib/iam";
import {
  employeeByIamUser,
  hasAccountUser,
  peopleOfAccountUsers,
  personForAccountUser,
  personIdsByName,
  personOfAccountUser,
  type AccountUserPerson,
} from "./lookup";
import type { employeeSchema, linkUserSchema, PeopleFilter, updateEmployeeSchema } from "./people.schema";

export {
  employeeByIamUser,
  hasAccountUser,
  peopleOfAccountUsers,
  personForAccountUser,
  personIdsByName,
  personOfAccountUser,
};
export { missingAccess, type AccountHolding, type JobRoleGrants } from "./missing-access";
export type { AccountUserPerson };

export type AccessType = "none" | "console" | "programmatic" | "both";

/** A person's IAM user in another managed account, as that account's latest review snapshot has it. */
export interface AccountAccess {
  accountId: string;
  /** The account's name. */
  account: string;
  userName: string;
  access: AccessType;
  /** Linked (e.g. made by onboarding) since the account's last sync: its access is not read yet. */
  notSyncedYet?: boolean;
}

export const ACCESS_LABEL: Record<AccessType, string> = {
  none: "No AWS access",
  console: "Console",
  programmatic: "Programmatic",
  both: "Console + programmatic",
};

export type PersonRow = {
  id: string | null; // null for an IAM user that belongs to no employee
  name: string;
  email: string | null;
  jobRole: string | null;
  status: "active" | "offboarded" | "unassigned";
  iamUserName: string | null;
  access: AccessType;
  mfa: boolean;
  activeKeys: number;
  /**
   * The person's users in the other managed accounts (not the app's own), by account name; empty
   * for an IAM user that is nobody's (those rows are the app's own account's).
   */
  elsewhere: AccountAccess[];
};

const union = (a: AccessType, b: AccessType): AccessType => {
  const console_ = a === "console" || a === "both" || b === "console" || b === "both";
  const programmatic = a === "programmatic" || a === "both" || b === "programmatic" || b === "both";
  return console_ && programmatic ? "both" : console_ ? "console" : programmatic ? "programmatic" : "none";
};

/** Console and programmatic access over the app's own account and every other account together. */
export function accessAnywhere(row: Pick<PersonRow, "access" | "elsewhere">): AccessType {
  return row.elsewhere.reduce((acc, a) => union(acc, a.access), row.access);
}

/** What the People list says of a person's users in other accounts: names up to two, else a count. */
export function accountsLabel(elsewhere: AccountAccess[]): string | null {
  if (elsewhere.length === 0) return null;
  return elsewhere.length <= 2 ? elsewhere.map((a) => a.account).join(", ") : `${elsewhere.length} accounts`;
}

/**
 * The AWS access column in words: the app's own account's access (console / programmatic), then
 * the other accounts where the person has a user; "No AWS access" only with no user anywhere.
 */
export function accessSummary(row: Pick<PersonRow, "access" | "elsewhere">): string {
  const home = row.access === "none" ? null : ACCESS_LABEL[row.access];
  const others = accountsLabel(row.elsewhere);
  if (home && others) return `${home} · ${others}`;
  return home ?? others ?? "No AWS access";
}

function accessOf(row: ReportRow | undefined): AccessType {
  if (!row) return "none";
  const programmatic = row.accessKeys.some((k) => k.active);
  if (row.passwordEnabled && programmatic) return "both";
  return row.passwordEnabled ? "console" : programmatic ? "programmatic" : "none";
}

/**
 * Employees joined with IAM's credential report (the app's own account), plus IAM users that
 * belong to nobody. `elsewhere` is each person's users in the other managed accounts, by person id
 * (lib/review's `accessElsewhere`, from each account's latest snapshot: lib/review depends on this
 * domain, so the page passes it in); without it only the app's own account is known.
 */
export async function listPeople(
  filter: PeopleFilter,
  elsewhere: Map<string, AccountAccess[]> = new Map(),
  /**
   * The app's own account's users, when the caller has them fresher than IAM's credential report
   * (which IAM reuses for up to 4 hours): the review's newest snapshot, re-read right after each
   * request (lib/review's `homeAccess`). Without it the report is read live.
   */
  home?: Map<string, ReportRow>,
): Promise<{ rows: PersonRow[]; jobRoles: string[]; iamError: string | null; reportAt: string | null }> {
  const employees = await db().employee.findMany({ orderBy: { name: "asc" } });
  let report = home ?? new Map<string, ReportRow>();
  let reportAt: string | null = null;
  let iamError: string | null = null;
  if (!home)
    try {
      ({ rows: report, generatedAt: reportAt } = await fetchCredentialReport(iamClients().iam));
    } catch {
      iamError = "IAM could not be read, so AWS access is not shown. Check Settings → Connection.";
    }
  const byUser = new Map([...report].map(([user, r]) => [user.toLowerCase(), r]));
  const linked = new Set(employees.flatMap((e) => (e.iamUserName ? [e.iamUserName.toLowerCase()] : [])));
  const rows: PersonRow[] = [
    ...employees.map((e) => {
      const cred = e.iamUserName ? byUser.get(e.iamUserName.toLowerCase()) : undefined;
      return {
        id: e.id,
        name: e.name,
        email: e.email,
        jobRole: e.jobRole,
        status: e.status as "active" | "offboarded",
        iamUserName: e.iamUserName,
        access: accessOf(cred),
        mfa: cred?.mfaActive ?? false,
        activeKeys: cred?.accessKeys.filter((k) => k.active).length ?? 0,
        elsewhere: elsewhere.get(e.id) ?? [],
      };
    }),
    ...[...report]
      .filter(([user]) => !linked.has(user.toLowerCase()))
      .map(([user, r]) => ({
        id: null,
        name: user,
        email: null,
        jobRole: null,
        status: "unassigned" as const,
        iamUserName: user,
        access: accessOf(r),
        mfa: r.mfaActive,
        activeKeys: r.accessKeys.filter((k) => k.active).length,
        elsewhere: [],
      })),
  ];
  const q = filter.q?.toLowerCase();
  const status = filter.status ?? "active";
  const filtered = rows.filter(
    (p) =>
      (!q || [p.name, p.email, p.iamUserName, p.jobRole].some((v) => v?.toLowerCase().includes(q))) &&
      (!filter.jobRole || p.jobRole === filter.jobRole) &&
      // "None" is nobody with a user in any account; the others are access in any account.
      (!filter.access ||
        filter.access === "any" ||
        (filter.access === "none"
          ? p.access === "none" && p.elsewhere.length === 0
          : accessAnywhere(p) === filter.access)) &&
      (status === "all" || p.status === status || p.status === "unassigned"),
  );
  const jobRoles = [...new Set(employees.flatMap((e) => (e.jobRole ? [e.jobRole] : [])))].sort();
  return { rows: filtered, jobRoles, iamError, reportAt };
}

export async function getEmployee(id: string) {
  return db().employee.findUnique({ where: { id } });
}

export async function createEmployee(input: z.infer<typeof employeeSchema>, actor: Actor) {
  if (await db().employee.findUnique({ where: { email: input.email } })) {
    throw new UserError(`${input.email} is already in the directory.`, "CONFLICT", {
      email: ["Already in the directory"],
    });
  }
  const employee = await db().employee.create({ data: input });
  await audit({
    actor: actor.email,
    action: "people.created",
    target: employee.email,
    data: { name: employee.name, jobRole: employee.jobRole },
  });
  return { id: employee.id };
}

export async function updateEmployee(input: z.infer<typeof updateEmployeeSchema>, actor: Actor) {
  const before = await db().employee.findUnique({ where: { id: input.id } });
  if (!before) throw new NotFoundError("That person no longer exists.");
  const clash = await db().employee.findUnique({ where: { email: input.email } });
  if (clash && clash.id !== input.id)
    throw new UserError(`${input.email} belongs to someone else.`, "CONFLICT", {
      email: ["Belongs to someone else"],
    });
  const after = await db().employee.update({
    where: { id: input.id },
    data: { name: input.name, email: input.email, jobRole: input.jobRole },
  });
  await audit({
    actor: actor.email,
    action: "people.updated",
    target: after.email,
    data: {
      before: { name: before.name, email: before.email, jobRole: before.jobRole },
      after: { name: after.name, email: after.email, jobRole: after.jobRole },
    },
  });
  return { id: after.id };
}

/** Links an existing IAM user to an employee (for users created before Gatehouse). */
export async function linkUser(input: z.infer<typeof linkUserSchema>, actor: Actor) {
  const employee = await db().employee.findUnique({ where: { id: input.employeeId } });
  if (!employee) throw new NotFoundError("That person no longer exists.");
  if (employee.iamUserName)
    throw new UserError(`${employee.name} is already linked to ${employee.iamUserName}.`);
  const owner = await employeeByIamUser(input.iamUserName);
  if (owner)
    throw new UserError(`${input.iamUserName} already belongs to ${owner.name}.`, "CONFLICT", {
      iamUserName: ["Already linked"],
    });
  const user = await userDetail(iamClients().iam, input.iamUserName);
  if (!user)
    throw new UserError(`There is no IAM user named ${input.iamUserName}.`, "NOT_FOUND", {
      iamUserName: ["No such IAM user"],
    });
  await db().employee.update({ where: { id: employee.id }, data: { iamUserName: user.userName } });
  await audit({
    actor: actor.email,
    action: "people.linked",
    target: input.iamUserName,
    data: { employee: employee.email },
  });
  return { id: employee.id };
}

export {
  dismissAccountUser,
  linkAccountUser,
  linkOnboardedUsers,
  offboardTargets,
  offboardTargetsFor,
  type OffboardTargets,
  personAccounts,
  unlinkAccountUser,
  type Dismissed,
  type LinkedUser,
  type PersonAccount,
  type Suggestion,
} from "./account-links";

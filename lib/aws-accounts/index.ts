import "server-only";
import type { z } from "zod";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/session";
import { db, type AwsAccount } from "@/lib/db";
import { fieldError, invalidInput, isUniqueViolation, NotFoundError, UserError } from "@/lib/errors";
import type { IamClients } from "@/lib/iam";
import { connectionStatus, iamClientOptions, iamClients, MEMBER_ROLE_NAME } from "@/lib/iam/server";
import { accountIdSchema, accountOfRoleArn, addAccountSchema } from "./accounts.schema";
import { MemberClients } from "./clients";
import { organizationAccounts, organizationsClient } from "./discover";
import { probe } from "./probe";
import { connectionProblem, discoveryProblem } from "./problems";
import { SessionCache, type MemberRole } from "./sessions";

// lib/aws-accounts — the AWS accounts Gatehouse manages (table AwsAccount): the app's own
// ("home", reached with the app's credentials), those discovered from AWS Organizations and those
// added by role ARN + ExternalId (reached by STS AssumeRole, sessions cached in memory only).
// Adding and removing are audited; a connection check stores the assumed principal or the problem
// in words. The ExternalId is stored (the role needs it on every AssumeRole) but never logged,
// audited or sent to the browser.

export { ROLE_SESSION_NAME, SessionCache, type MemberRole, type SessionCredentials } from "./sessions";
export { MemberClients } from "./clients";
export { accountReadProblem, connectionProblem, discoveryProblem } from "./problems";
export { organizationAccounts, type OrgAccount } from "./discover";
export { activeAccounts, homeAccountId, memberAccounts, recordAccountSync } from "./sync-state";

/** The default role Gatehouse assumes in a discovered account. */
export const DEFAULT_MEMBER_ROLE = MEMBER_ROLE_NAME;

/** What the Accounts page shows of an account: everything but the ExternalId. */
export type AccountView = Omit<AwsAccount, "externalId"> & { hasExternalId: boolean };

const view = ({ externalId, ...row }: AwsAccount): AccountView => ({ ...row, hasExternalId: !!externalId });

const g = globalThis as unknown as { gatehouseMembers?: MemberClients };
/** The process's member clients and sessions (memory only). */
export function memberClients(): MemberClients {
  g.gatehouseMembers ??= new MemberClients(iamClientOptions, new SessionCache(() => iamClients().sts));
  return g.gatehouseMembers;
}

const roleOf = (
  a: Pick<AwsAccount, "id" | "roleArn" | "externalId">,
): MemberRole & { accountId: string } => ({
  accountId: a.id,
  roleArn: a.roleArn!,
  externalId: a.externalId,
});

/** The IAM/STS/CloudTrail clients for an account: the app's own for home, its role's session otherwise. */
export function accountClients(
  account: Pick<AwsAccount, "id" | "source" | "roleArn" | "externalId">,
): IamClients {
  if (account.source === "home" || !account.roleArn) return iamClients();
  return memberClients().for(roleOf(account));
}

/**
 * The account's clients, ready to use: for a member account its session is taken first (cached,
 * so this costs nothing while it is fresh), so a role that refuses is told apart from IAM
 * refusing a call later, and comes back in words instead of as an SDK error.
 */
export async function openAccount(
  account: Pick<AwsAccount, "id" | "source" | "roleArn" | "externalId">,
): Promise<{ ok: true; clients: IamClients } | { ok: false; problem: string }> {
  if (account.source === "home" || !account.roleArn) return { ok: true, clients: iamClients() };
  const role = roleOf(account);
  try {
    await memberClients().sessions.credentials(role);
  } catch (e) {
    return {
      ok: false,
      problem: connectionProblem(e, {
        roleArn: role.roleArn,
        appPrincipal: await appPrincipal(),
        stage: "assume",
      }),
    };
  }
  return { ok: true, clients: memberClients().for(role) };
}

/**
 * The app's own account, from STS GetCallerIdentity: made a row when there is none, its status
 * kept current. An account already present by another source (added by its role) stays as it is.
 * Returns the problem in words when the app cannot reach STS.
 */
export async function ensureHomeAccount(): Promise<string | null> {
  const status = await connectionStatus();
  if (!status.reachable || !status.accountId)
    return status.problem ?? "Gatehouse's own account is not reachable.";
  const row = await db().awsAccount.findUnique({ where: { id: status.accountId } });
  const current = { status: "ok", lastError: null, assumedPrincipal: status.principalArn, removedAt: null };
  if (!row) {
    await db()
      .awsAccount.create({
        data: {
          id: status.accountId,
          name: "Gatehouse's own account",
          source: "home",
          ...current,
          lastCheckedAt: new Date(status.checkedAt),
        },
      })
      .catch((e) => {
        if (!isUniqueViolation(e)) throw e; // else another request made it first
      });
  } else if (row.removedAt) {
    // Removed (as a member added by its role): the app's own account is back, as home.
    await db().awsAccount.update({
      where: { id: row.id },
      data: {
        source: "home",
        roleArn: null,
        externalId: null,
        ...current,
        lastCheckedAt: new Date(status.checkedAt),
      },
    });
  } else if (row.source === "home" && (row.assumedPrincipal !== status.principalArn || row.status !== "ok")) {
    await db().awsAccount.update({
      where: { id: row.id },
      data: { ...current, lastCheckedAt: new Date(status.checkedAt) },
    });
  }
  return null;
}

/** Every account not removed, the app's own first; `homeProblem` when the app cannot reach STS. */
export async function listAccounts(): Promise<{ accounts: AccountView[]; homeProblem: string | null }> {
  const homeProblem = await ensureHomeAccount();
  const rows = await db().awsAccount.findMany({
    where: { removedAt: null },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  const home = rows.filter((r) => r.source === "home");
  return { accounts: [...home, ...rows.filter((r) => r.source !== "home")].map(view), homeProblem };
}

export async function getAccount(id: string): Promise<AwsAccount | null> {
  return db().awsAccount.findFirst({ where: { id, removedAt: null } });
}

async function appPrincipal(): Promise<string | null> {
  return (await connectionStatus()).principalArn;
}

/**
 * Adds an account by the role Gatehouse is to assume in it. Bad input, an account already here
 * and a failed connection check write nothing to the table (the refusal is audited, with the
 * problem in words); a good check stores the account with the assumed principal.
 */
export async function addAccount(raw: z.input<typeof addAccountSchema>, actor: Actor): Promise<AccountView> {
  const parsed = addAccountSchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error, "Check the highlighted fields.");
  const input = parsed.data;
  const id = accountOfRoleArn(input.roleArn);
  const existing = await db().awsAccount.findUnique({ where: { id } });
  if (existing && !existing.removedAt)
    throw fieldError(
      "roleArn",
      existing.source === "home"
        ? `Account ${id} is Gatehouse's own account; it is already managed with the app's own credentials.`
        : `Account ${id} (${existing.name}) is already in Gatehouse.`,
    );
  const role = { accountId: id, roleArn: input.roleArn, externalId: input.externalId };
  const check = await probe(memberClients(), role, await appPrincipal());
  const about = { roleArn: input.roleArn, externalIdGiven: !!input.externalId };
  if (check.status === "error") {
    memberClients().forget(role);
    await audit({
      actor: actor.email,
      action: "accounts.add_refused",
      target: id,
      data: { ...about, problem: check.error },
    });
    throw new UserError(check.error, "CONFLICT", { _: [check.error] });
  }
  const fields = {
    name: input.name ?? existing?.name ?? `Account ${id}`,
    source: "manual",
    roleArn: input.roleArn,
    externalId: input.externalId,
    status: "ok",
    lastError: null,
    assumedPrincipal: check.principal,
    lastCheckedAt: new Date(),
    removedAt: null,
  };
  const row = existing
    ? await db().awsAccount.update({ where: { id }, data: fields })
    : await db().awsAccount.create({ data: { id, ...fields } });
  await audit({
    actor: actor.email,
    action: "accounts.added",
    target: id,
    data: { ...about, name: row.name, assumedPrincipal: check.principal, restored: !!existing },
  });
  return view(row);
}

/** Removes an account from Gatehouse (soft: the row stays, marked removed). IAM is not touched. */
export async function removeAccount(
  raw: z.input<typeof accountIdSchema>,
  actor: Actor,
): Promise<{ id: string }> {
  const { id } = accountIdSchema.parse(raw);
  const row = await getAccount(id);
  if (!row) throw new NotFoundError("That account is not in Gatehouse.");
  if (row.source === "home") throw new UserError("Gatehouse's own account cannot be removed.");
  await db().awsAccount.update({ where: { id }, data: { removedAt: new Date() } });
  if (row.roleArn) memberClients().forget(roleOf(row));
  await audit({
    actor: actor.email,
    action: "accounts.removed",
    target: id,
    data: { name: row.name, source: row.source, roleArn: row.roleArn },
  });
  return { id };
}

/** Checks an account's connection now and stores the outcome (the principal, or the problem in words). */
export async function checkAccount(raw: z.input<typeof accountIdSchema>): Promise<AccountView> {
  const { id } = accountIdSchema.parse(raw);
  const row = await getAccount(id);
  if (!row) throw new NotFoundError("That account is not in Gatehouse.");
  if (row.source === "home" || !row.roleArn) {
    const status = await connectionStatus({ fresh: true });
    return view(
      await db().awsAccount.update({
        where: { id },
        data: {
          status: status.reachable ? "ok" : "error",
          lastError: status.reachable ? null : status.problem,
          assumedPrincipal: status.principalArn ?? row.assumedPrincipal,
          lastCheckedAt: new Date(),
        },
      }),
    );
  }
  const check = await probe(memberClients(), roleOf(row), await appPrincipal());
  return view(
    await db().awsAccount.update({
      where: { id },
      data: {
        status: check.status,
        lastError: check.error,
        assumedPrincipal: check.principal ?? row.assumedPrincipal,
        lastCheckedAt: new Date(),
      },
    }),
  );
}

/**
 * Reads the organization's accounts from AWS Organizations (as the app: the management account
 * or a delegated administrator) and adds those not yet here, with the default member role
 * (arn:…:role/GatehouseMember). Names, emails and OUs of known accounts are refreshed; their role
 * is kept. Removed accounts stay removed. Audited once, with what changed.
 */
export async function discoverAccounts(
  actor: Actor,
): Promise<{ added: string[]; updated: string[]; left: string[]; rejoined: string[] }> {
  const status = await connectionStatus();
  const found = await organizationAccounts(organizationsClient(iamClientOptions())).catch(
    async (e: unknown) => {
      const { code, problem } = discoveryProblem(e, {
        accountId: status.accountId,
        appPrincipal: status.principalArn,
      });
      await audit({ actor: actor.email, action: "accounts.discovery_refused", data: { code, problem } });
      throw new UserError(problem, "UNAVAILABLE");
    },
  );
  const home = status.accountId;
  const added: string[] = [];
  const updated: string[] = [];
  const rejoined: string[] = [];
  for (const a of found) {
    const row = await db().awsAccount.findUnique({ where: { id: a.id } });
    const about = { name: a.name, email: a.email, ouPath: a.ouPath };
    if (!row) {
      const isHome = a.id === home;
      const made = await db()
        .awsAccount.create({
          data: {
            id: a.id,
            ...about,
            source: isHome ? "home" : "organizations",
            roleArn: isHome ? null : `arn:aws:iam::${a.id}:role/${DEFAULT_MEMBER_ROLE}`,
            status: "unknown",
          },
        })
        .then(
          () => true,
          (e: unknown) => {
            if (isUniqueViolation(e)) return false; // a discovery running at the same time added it
            throw e;
          },
        );
      if (made) added.push(a.id);
    } else if (row.leftOrganizationAt) {
      await db().awsAccount.update({ where: { id: a.id }, data: { ...about, leftOrganizationAt: null } });
      rejoined.push(a.id);
    } else if (!row.removedAt && (row.name !== a.name || row.email !== a.email || row.ouPath !== a.ouPath)) {
      await db().awsAccount.update({ where: { id: a.id }, data: about });
      updated.push(a.id);
    }
  }
  // A discovered account Organizations no longer lists has left the organization. Its role may
  // still let Gatehouse in (the trust names the management account, not the organization), so it
  // stays managed, marked, until an admin removes it.
  const listed = new Set(found.map((a) => a.id));
  const gone = await db().awsAccount.findMany({
    where: { source: "organizations", removedAt: null, leftOrganizationAt: null },
    select: { id: true },
  });
  const left = gone.map((a) => a.id).filter((id) => !listed.has(id));
  if (left.length)
    await db().awsAccount.updateMany({
      where: { id: { in: left } },
      data: { leftOrganizationAt: new Date() },
    });
  await audit({
    actor: actor.email,
    action: "accounts.discovered",
    data: { found: found.length, added, updated, left, rejoined },
  });
  return { added, updated, left, rejoined };
}

import { fieldError } from "@/lib/errors";
import { toIamError } from "@/lib/iam";
import type { IAMClient } from "@aws-sdk/client-iam";
import { STALE_SESSION } from "../account-iam";
import { config } from "../context";
import type { PlanContext, PlannedStep } from "../types";

// Planning across accounts: which accounts a request names, and the account number its ARNs use.

export type TargetAccount = {
  /** The step's accountId: null = the app's own account (a request that named no accounts). */
  id: string | null;
  /** The 12-digit account number customer-managed policy ARNs are built with. */
  number: string;
  /** For messages: "staging (222222222222)", or "Gatehouse's own account". */
  label: string;
};

/** A managed account as a planner names it. */
const targetOf = (a: { id: string; name: string }): TargetAccount => ({
  id: a.id,
  number: a.id,
  label: `${a.name} (${a.id})`,
});

/**
 * The accounts a request names, each checked to be one Gatehouse manages now (not removed): an
 * unknown or removed one is a field error on `field`, before any IAM read, so nothing is written.
 * No list: the app's own account, exactly as before accounts existed.
 */
export async function targetAccounts(
  ids: readonly string[] | null | undefined,
  field = "accounts",
): Promise<TargetAccount[]> {
  if (!ids) {
    const number = await config().accountId();
    return [{ id: null, number, label: "Gatehouse's own account" }];
  }
  if (ids.length === 0) throw fieldError(field, "Choose at least one account.");
  // Loaded when needed: lib/aws-accounts is server-only and the engine also runs outside Next.js.
  const { getAccount } = await import("@/lib/aws-accounts");
  const out: TargetAccount[] = [];
  for (const id of ids) {
    const account = await getAccount(id);
    if (!account)
      throw fieldError(
        field,
        `Account ${id} is not in Gatehouse (unknown, or removed); add it on the Accounts page first.`,
      );
    out.push(targetOf(account));
  }
  return out;
}

/**
 * Of these accounts, those Gatehouse manages now, and the ids of those it no longer does (a job
 * role may name an account removed since): for planners that follow stored lists, not a form.
 */
export async function managedTargets(
  ids: readonly string[],
): Promise<{ accounts: TargetAccount[]; gone: string[] }> {
  const { getAccount } = await import("@/lib/aws-accounts");
  const accounts: TargetAccount[] = [];
  const gone: string[] = [];
  for (const id of ids) {
    const account = await getAccount(id);
    if (account) accounts.push(targetOf(account));
    else gone.push(id);
  }
  return { accounts, gone };
}

/** A customer-managed policy's ARN in an account. */
export const policyArnIn = (account: string, name: string) => `arn:aws:iam::${account}:policy/${name}`;

/** Appends one account's steps (dependsOn counted within them) to a plan, renumbering dependsOn. */
export function appendSteps(plan: PlannedStep[], mine: readonly PlannedStep[]): void {
  const base = plan.length;
  plan.push(...mine.map((s) => ({ ...s, dependsOn: (s.dependsOn ?? []).map((d) => base + d) })));
}

/** A planned step's place: its account's id when the request named accounts. */
export const inAccount = (a: TargetAccount) => (a.id ? { accountId: a.id } : {});

/**
 * A planner's read in another account, through its cached AssumeRole session; a session the
 * account refuses (its role deleted, perhaps made again) is assumed anew once, as the executor
 * does, so the plan says what AssumeRole says now rather than "the security token is invalid".
 */
export async function readIn<T>(ctx: PlanContext, accountId: string, read: (iam: IAMClient) => Promise<T>) {
  try {
    return await read(await ctx.iamIn(accountId));
  } catch (e) {
    if (!STALE_SESSION.has(toIamError(e).code)) throw e;
    return read(await ctx.iamIn(accountId, { fresh: true }));
  }
}

/**
 * A policy document of the app's own account as published in another: the app's own account id,
 * wherever it stands as a whole number — an ARN's account field, a name that embeds it
 * (`elasticbeanstalk-us-east-1-<id>`), an `aws:ResourceAccount` value — becomes that account's,
 * as a job role's resources live in each account it is in (templates take the account as their
 * `AccountId` parameter, rendered once, with the app's own). Any other account id stays as written;
 * a document that means the app's own account elsewhere too is the one case this gets wrong.
 */
export function documentFor(document: string, homeId: string, accountId: string): string {
  if (homeId === accountId) return document;
  return document.replace(new RegExp(`(?<![0-9])${homeId}(?![0-9])`, "g"), accountId);
}

import "server-only";
import type { z } from "zod";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/session";
import { activeAccounts } from "@/lib/aws-accounts";
import { fieldError, NotFoundError, UserError } from "@/lib/errors";
import { createChangeRequest, openRequest, rejectRequest } from "@/lib/changes";
import { db, type AwsAccount } from "@/lib/db";
import { peopleLinksIn } from "./review-data";
import type { campaignCreateSchema, campaignDecisionSchema } from "./review.schema";
import { latestSnapshotInfo, loadSnapshot } from "./snapshot-store";

// A campaign reviews the organization: when it starts, it takes each active account's latest
// snapshot, and every IAM user of every such snapshot is an item (person, account) to keep or
// revoke. The accounts and their snapshots are fixed at the start, so what is signed off is
// exactly what was reviewed. An account with nothing trustworthy to review — never synced, or
// whose last sync failed (its last good snapshot may no longer be the account) — is not reviewed
// on stale data: it is recorded as excluded, with the reason in words, shown on the campaign and
// in the sign-off's record. Campaigns made before accounts (one snapshot, no account rows) read
// as a campaign of that snapshot's account.

/** An account of a campaign, as fixed at its start. */
export interface CampaignAccount {
  accountId: string;
  name: string;
  ouPath: string | null;
  /** The app's own account: its revokes go through the app's own clients, as before accounts. */
  home: boolean;
  snapshotId: string | null;
  /** Null when reviewed; otherwise why the account is not in the campaign. */
  excludedReason: string | null;
}

/** One item: an IAM user of one account's reviewed snapshot, and its decision. */
export interface CampaignItem {
  accountId: string;
  accountName: string;
  ouPath: string | null;
  /** The IAM user name (the key of the decision, with the account). */
  user: string;
  /** The directory person linked to this user name, if any. */
  personName: string | null;
  groups: string[];
  notUnderstood: boolean;
  decision: {
    decision: string;
    reviewer: string;
    at: Date;
    note: string | null;
    requestId: string | null;
  } | null;
}

export interface AccountProgress extends CampaignAccount {
  snapshotAt: Date | null;
  items: number;
  decided: number;
}

export interface CampaignView {
  campaign: {
    id: string;
    name: string;
    createdBy: string;
    createdAt: Date;
    signedOffBy: string | null;
    signedOffAt: Date | null;
  };
  /** Every account of the campaign, reviewed or excluded, with its progress. */
  accounts: AccountProgress[];
  /** The items, of the account asked for or of all. */
  items: CampaignItem[];
  /** Over every account, whatever the filter. */
  progress: { items: number; decided: number };
}

const DAY = (d: Date) => d.toISOString().replace("T", " ").slice(0, 16) + " UTC";

/** The account's last sync failed after its last good one (the all-accounts view's rule). */
const lastSyncFailed = (a: AwsAccount) =>
  a.status === "error" && (!a.lastSyncAt || (a.lastCheckedAt ?? a.lastSyncAt) > a.lastSyncAt);

/** What the campaign takes of each active account: its latest snapshot, or why none. */
async function accountsToReview(): Promise<Omit<CampaignAccount, "home">[]> {
  const accounts = await activeAccounts();
  if (accounts.length === 0) {
    // A database that has no AwsAccount row yet is one account, the app's own (as before accounts).
    const latest = await latestSnapshotInfo();
    if (!latest) return [];
    const row = await db().syncSnapshot.findUniqueOrThrow({
      where: { id: latest.id },
      select: { accountId: true },
    });
    return [
      {
        accountId: row.accountId,
        name: row.accountId,
        ouPath: null,
        snapshotId: latest.id,
        excludedReason: null,
      },
    ];
  }
  return Promise.all(
    accounts.map(async (a) => {
      const base = { accountId: a.id, name: a.name, ouPath: a.ouPath };
      const latest = await latestSnapshotInfo(a.id);
      if (!latest)
        return { ...base, snapshotId: null, excludedReason: "Never synced: there is no snapshot to review." };
      if (lastSyncFailed(a))
        return {
          ...base,
          snapshotId: null,
          excludedReason: `Its last sync failed (${a.lastError ?? "no reason recorded"}); its last good snapshot, of ${DAY(latest.syncedAt)}, may no longer be the account, so it is not reviewed. Fix the account and start a new campaign to include it.`,
        };
      return { ...base, snapshotId: latest.id, excludedReason: null };
    }),
  );
}

export async function createCampaign(input: z.infer<typeof campaignCreateSchema>, actor: Actor) {
  const accounts = await accountsToReview();
  const reviewed = accounts.filter((a) => a.snapshotId);
  if (reviewed.length === 0)
    throw new UserError(
      accounts.length === 0
        ? "Sync the account first: a campaign reviews each account's latest snapshot."
        : `No account can be reviewed yet: ${accounts.map((a) => `${a.name}: ${a.excludedReason}`).join(" ")}`,
      "CONFLICT",
    );
  const row = await db().reviewCampaign.create({
    data: {
      name: input.name,
      createdBy: actor.email,
      accounts: {
        create: accounts.map((a) => ({
          accountId: a.accountId,
          accountName: a.name,
          ouPath: a.ouPath,
          snapshotId: a.snapshotId,
          excludedReason: a.excludedReason,
        })),
      },
    },
  });
  await audit({
    actor: actor.email,
    action: "review.campaign.created",
    target: row.id,
    data: {
      name: input.name,
      accounts: accounts.map((a) => ({
        accountId: a.accountId,
        name: a.name,
        snapshotId: a.snapshotId,
        excludedReason: a.excludedReason,
      })),
    },
  });
  return { id: row.id, reviewed: reviewed.length, excluded: accounts.length - reviewed.length };
}

type CampaignRow = NonNullable<Awaited<ReturnType<typeof campaignRow>>>;
const campaignRow = (id: string) =>
  db().reviewCampaign.findUnique({ where: { id }, include: { accounts: true } });

/** The campaign's accounts, reviewed ones first as activeAccounts() orders them (home, then by name). */
async function accountsOf(campaign: CampaignRow): Promise<CampaignAccount[]> {
  let rows = campaign.accounts.map((a) => ({
    accountId: a.accountId,
    name: a.accountName,
    ouPath: a.ouPath,
    snapshotId: a.snapshotId,
    excludedReason: a.excludedReason,
  }));
  if (rows.length === 0 && campaign.snapshotId) {
    // A campaign of one snapshot, made before campaigns spanned accounts.
    const snap = await db().syncSnapshot.findUnique({
      where: { id: campaign.snapshotId },
      select: { accountId: true },
    });
    if (snap) {
      const a = await db().awsAccount.findUnique({ where: { id: snap.accountId } });
      rows = [
        {
          accountId: snap.accountId,
          name: a?.name ?? snap.accountId,
          ouPath: a?.ouPath ?? null,
          snapshotId: campaign.snapshotId,
          excludedReason: null,
        },
      ];
    }
  }
  // Removed accounts included: a member account must never be taken for the app's own.
  const known = new Map(
    (
      await db().awsAccount.findMany({
        where: { id: { in: rows.map((r) => r.accountId) } },
        select: { id: true, source: true },
      })
    ).map((a) => [a.id, a.source]),
  );
  // No row at all: a single-account database, whose snapshots are the app's own account's.
  const withHome = rows.map((r) => ({ ...r, home: (known.get(r.accountId) ?? "home") === "home" }));
  const rank = (a: CampaignAccount) => (a.home ? 0 : 1);
  return withHome.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

/** Every item of the reviewed accounts (decisions not attached), in account order, then by user. */
async function itemsOf(accounts: CampaignAccount[]) {
  // Who each account's users are, by lib/people's rule (a linked user is its person's).
  const people = await peopleLinksIn(accounts.map((a) => a.accountId));
  const names = new Map(
    [...people].map(([accountId, list]) => [
      accountId,
      new Map(list.flatMap((p) => (p.iamUserName ? [[p.iamUserName.toLowerCase(), p.name] as const] : []))),
    ]),
  );
  const perAccount = await Promise.all(
    accounts.map(async (a) => {
      if (!a.snapshotId) return { account: a, snapshotAt: null, items: [] };
      const snapshot = await loadSnapshot(a.snapshotId);
      const items = (snapshot?.state.users ?? [])
        .map((u): Omit<CampaignItem, "decision"> => ({
          accountId: a.accountId,
          accountName: a.name,
          ouPath: a.ouPath,
          user: u.name,
          personName: names.get(a.accountId)?.get(u.name.toLowerCase()) ?? null,
          groups: u.groups,
          notUnderstood: !!snapshot?.notUnderstood[u.name],
        }))
        .sort((x, y) => x.user.localeCompare(y.user));
      return { account: a, snapshotAt: snapshot?.at ?? null, items };
    }),
  );
  return perAccount;
}

const key = (accountId: string, user: string) => `${accountId}\u0000${user}`;

/** The campaign page: its accounts with their progress, and the items (of one account, or all). */
export async function getCampaignView(
  id: string,
  filter: { account?: string } = {},
): Promise<CampaignView | null> {
  const campaign = await campaignRow(id);
  if (!campaign) return null;
  const accounts = await accountsOf(campaign);
  const [perAccount, decisions] = await Promise.all([
    itemsOf(accounts),
    db().reviewDecision.findMany({ where: { campaignId: id } }),
  ]);
  const decided = new Map(decisions.map((d) => [key(d.accountId, d.person), d]));
  const progress = { items: 0, decided: 0 };
  const items: CampaignItem[] = [];
  const accountProgress: AccountProgress[] = perAccount.map(({ account, snapshotAt, items: list }) => {
    let done = 0;
    for (const item of list) {
      const d = decided.get(key(item.accountId, item.user));
      if (d) done++;
      if (!filter.account || filter.account === account.accountId)
        items.push({
          ...item,
          decision: d
            ? { decision: d.decision, reviewer: d.reviewer, at: d.at, note: d.note, requestId: d.requestId }
            : null,
        });
    }
    progress.items += list.length;
    progress.decided += done;
    return { ...account, snapshotAt, items: list.length, decided: done };
  });
  const { accounts: _rows, snapshotId: _legacy, ...head } = campaign;
  return { campaign: head, accounts: accountProgress, items, progress };
}

/**
 * Keep or revoke, per (person, account). Revoke proposes a change request (the one door for IAM
 * writes) removing the person from the group that grants the access, in that item's account;
 * approval and execution follow the usual rules.
 */
export async function decide(input: z.infer<typeof campaignDecisionSchema>, actor: Actor) {
  const campaign = await campaignRow(input.campaignId);
  if (!campaign) throw new NotFoundError("No such review campaign.");
  if (campaign.signedOffAt)
    throw new UserError(
      "This campaign is signed off; its decisions are evidence and cannot change.",
      "CONFLICT",
    );
  const accounts = await accountsOf(campaign);
  const reviewed = accounts.filter((a) => a.snapshotId);
  let account: CampaignAccount | undefined;
  if (input.accountId) {
    account = accounts.find((a) => a.accountId === input.accountId);
    if (!account) throw fieldError("accountId", `Account ${input.accountId} is not in this campaign.`);
    if (account.excludedReason)
      throw fieldError(
        "accountId",
        `${account.name} is not reviewed in this campaign: ${account.excludedReason}`,
      );
  } else if (reviewed.length === 1) account = reviewed[0];
  else throw fieldError("accountId", "Choose the account: this campaign reviews several.");
  const snapshot = await loadSnapshot(account.snapshotId!);
  const user = snapshot?.state.users.find((u) => u.name === input.person);
  if (!user)
    throw fieldError(
      "person",
      `${input.person} has no IAM user in ${account.name} in the snapshot this campaign reviews.`,
    );
  const accountId = account.accountId;

  let requestId: string | null = null;
  let earlierOpen: string | null = null;
  if (input.decision === "revoke") {
    if (!input.groupName)
      throw new UserError("Choose the group to remove the person from.", "INVALID_INPUT", {
        groupName: ["Required for revoke"],
      });
    if (!user.groups.includes(input.groupName))
      throw fieldError(
        "groupName",
        `${input.person} is not in ${input.groupName} in ${account.name} (the snapshot this campaign reviews).`,
      );
    // The request acts in the item's account: the app's own through its own clients (as before
    // accounts), any other through its role's session (ChangeStep.accountId).
    const where = account.home ? {} : { accountId };
    // Revoking again while the earlier request is still open keeps that request, not a second one.
    const earlier = await db().reviewDecision.findUnique({
      where: { campaignId_accountId_person: { campaignId: campaign.id, accountId, person: input.person } },
      select: { requestId: true },
    });
    const open = earlier?.requestId ? await openRequest(earlier.requestId, "group.remove-member") : null;
    const was = open?.input as { groupName?: string; accountId?: string } | null | undefined;
    if (open && was?.groupName === input.groupName && (was?.accountId ?? null) === (where.accountId ?? null))
      requestId = earlierOpen = open.id;
    else
      requestId = (
        await createChangeRequest(
          "group.remove-member",
          { userName: input.person, groupName: input.groupName, ...where },
          actor,
        )
      ).id;
  }
  const data = {
    decision: input.decision,
    note: input.note ?? null,
    reviewer: actor.email,
    at: new Date(),
    requestId,
  };
  // One transaction, conditioned on the campaign not being signed off. The conditional UPDATE
  // locks the campaign row (PostgreSQL; SQLite writes one at a time), so a sign-off either
  // commits first (and this decision is refused) or waits and then records this decision.
  const recorded = await db().$transaction(async (tx) => {
    const unsigned = await tx.reviewCampaign.updateMany({
      where: { id: campaign.id, signedOffAt: null },
      data: { signedOffAt: null },
    });
    if (unsigned.count === 0) return false;
    await tx.reviewDecision.upsert({
      where: { campaignId_accountId_person: { campaignId: campaign.id, accountId, person: input.person } },
      create: { campaignId: campaign.id, accountId, person: input.person, ...data },
      update: data,
    });
    return true;
  });
  if (!recorded) {
    // The revoke's request was proposed for a decision that never counted: withdraw it.
    if (requestId && requestId !== earlierOpen)
      await rejectRequest(
        requestId,
        "Withdrawn: the review campaign was signed off before this decision was recorded.",
        actor,
      );
    throw new UserError(
      "This campaign was signed off meanwhile; its decisions are evidence and cannot change.",
      "CONFLICT",
    );
  }
  await audit({
    actor: actor.email,
    action: "review.campaign.decided",
    target: campaign.id,
    data: {
      person: input.person,
      accountId,
      decision: input.decision,
      groupName: input.groupName ?? null,
      requestId,
    },
  });
  return { requestId };
}

/**
 * Admins sign off once every item of every reviewed account is decided. Excluded accounts do not
 * block it (nothing of theirs was reviewed); they are named, with their reasons, in the record.
 */
export async function signOff(campaignId: string, actor: Actor) {
  const campaign = await campaignRow(campaignId);
  if (!campaign) throw new NotFoundError("No such review campaign.");
  if (campaign.signedOffAt) throw new UserError("Already signed off.", "CONFLICT");
  const accounts = await accountsOf(campaign);
  // The items are fixed (the campaign's snapshots never change), so they are read outside.
  const perAccount = await itemsOf(accounts);
  const at = new Date();
  // The decisions are read inside the transaction that signs off, after the conditional UPDATE
  // took the campaign row: what the audit records is exactly what the campaign holds from now on,
  // and the completeness check sees every decision that will ever count.
  const decisions = await db().$transaction(async (tx) => {
    const updated = await tx.reviewCampaign.updateMany({
      where: { id: campaignId, signedOffAt: null },
      data: { signedOffBy: actor.email, signedOffAt: at },
    });
    if (updated.count === 0) return null;
    const rows = await tx.reviewDecision.findMany({
      where: { campaignId },
      orderBy: [{ accountId: "asc" }, { person: "asc" }],
    });
    const done = new Set(rows.map((d) => key(d.accountId, d.person)));
    const open = perAccount
      .map(({ account, items }) => ({
        name: account.name,
        left: items.filter((i) => !done.has(key(i.accountId, i.user))).length,
      }))
      .filter((a) => a.left > 0);
    if (open.length > 0) {
      const left = open.reduce((n, a) => n + a.left, 0);
      // Thrown inside the transaction: the sign-off is rolled back.
      throw new UserError(
        `Not every item is decided: ${left} left (${open.map((a) => `${a.name}: ${a.left}`).join(", ")}). Decide each before signing off.`,
        "CONFLICT",
      );
    }
    return rows;
  });
  if (!decisions) throw new UserError("Already signed off.", "CONFLICT");
  await audit({
    actor: actor.email,
    action: "review.campaign.signed_off",
    target: campaignId,
    data: {
      name: campaign.name,
      snapshotId: campaign.snapshotId,
      accounts: accounts.map((a) => ({
        accountId: a.accountId,
        name: a.name,
        snapshotId: a.snapshotId,
        excludedReason: a.excludedReason,
      })),
      decisions: decisions.map((d) => ({
        person: d.person,
        accountId: d.accountId,
        decision: d.decision,
        note: d.note,
        requestId: d.requestId,
      })),
    },
  });
  return { signedOffAt: at.toISOString() };
}

export async function listCampaigns() {
  return db().reviewCampaign.findMany({
    orderBy: { createdAt: "desc" },
    include: {
      _count: { select: { decisions: true } },
      accounts: { select: { accountId: true, excludedReason: true } },
    },
  });
}

import "server-only";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { NotFoundError, UserError } from "@/lib/errors";
import { peopleOfAccountUsers } from "@/lib/people";
import { driftWhere, openDrift, type DriftItem } from "./review-data";
import { latestSnapshot, reviewedAccount } from "./snapshot-store";

// The drift panel and the sync toast read one thing: the account's open drift (out-of-band,
// unexplained, not acknowledged, seen in the last 30 days), counted by `openDriftCount`. Each item
// says what it is about, links there, and says when that no longer exists. An operator or admin
// acknowledges an item with a note (audited); it then leaves the panel, the counts and the badges.

export interface DriftEntry extends DriftItem {
  accountId: string;
  /** The user, role, group or policy the change is about. */
  about: {
    kind: "user" | "role" | "group" | "policy" | "other";
    name: string;
    href: string | null;
    gone: boolean;
  };
}

/** How many open drift items the account (default: home) has: the toast's count and the panel's. */
export async function openDriftCount(accountId?: string | null): Promise<number> {
  const account = await reviewedAccount(accountId);
  return db().driftFinding.count({
    where: { ...openDrift(), ...(account ? { snapshot: { accountId: account } } : {}) },
  });
}

type Detail = { userName?: string; roleName?: string; groupName?: string; policyArn?: string };

/** The account's open drift, newest first, each item with what it is about. */
export async function driftPanel(
  accountId?: string | null,
  limit = 200,
): Promise<{ items: DriftEntry[]; open: number }> {
  const account = await reviewedAccount(accountId);
  const [rows, open, snapshot, home] = await Promise.all([
    driftWhere(account ? { snapshot: { accountId: account } } : {}, limit),
    openDriftCount(account),
    latestSnapshot(account),
    reviewedAccount(null),
  ]);
  const accounts = [...new Set(rows.map((r) => r.accountId))];
  const people = await peopleOfAccountUsers(accounts);
  const state = snapshot?.state;
  const has = (list: { name: string }[] | undefined, name: string) =>
    !!list?.some((x) => x.name.toLowerCase() === name.toLowerCase());
  const items = rows.map((d): DriftEntry => {
    const detail = d.detail as Detail;
    // Without AwsAccount rows (a single-account database) every snapshot is the app's own.
    const inAccount = !home || d.accountId === home ? "" : `?account=${d.accountId}`;
    let about: DriftEntry["about"];
    if (detail.userName) {
      const person = people.get(d.accountId)?.get(detail.userName.toLowerCase());
      const gone = !has(state?.users, detail.userName);
      about = {
        kind: "user",
        name: person ? `${person.name} (${detail.userName})` : detail.userName,
        href: person
          ? `/people/${person.id}`
          : gone
            ? null
            : `/review/person/${encodeURIComponent(detail.userName)}${inAccount}`,
        gone,
      };
    } else if (detail.roleName) {
      const gone = !has(state?.roles, detail.roleName);
      // The Roles page lists the app's own account.
      about = {
        kind: "role",
        name: detail.roleName,
        href: gone || inAccount ? null : `/roles#role-${detail.roleName}`,
        gone,
      };
    } else if (detail.groupName) {
      const gone = !has(state?.groups, detail.groupName);
      about = {
        kind: "group",
        name: detail.groupName,
        href: gone || inAccount ? null : `/groups#group-${detail.groupName}`,
        gone,
      };
    } else if (detail.policyArn) {
      const gone = !state?.policies.some((p) => p.arn === detail.policyArn);
      about = { kind: "policy", name: detail.policyArn.split("/").pop()!, href: null, gone };
    } else about = { kind: "other", name: d.entity, href: null, gone: false };
    return { ...d, about };
  });
  return { items, open };
}

/**
 * Acknowledges one open drift item with a note (why it is fine): stored on the finding and
 * audited as review.drift_acknowledged with the note. Once only: a second one is a conflict.
 */
export async function acknowledgeDrift(input: { id: string; note: string }, actor: Actor): Promise<void> {
  const note = input.note.trim();
  if (!note) throw new UserError("Say why this change is fine.", "INVALID_INPUT", { note: ["Required"] });
  const finding = await db().driftFinding.findUnique({
    where: { id: input.id },
    include: { snapshot: { select: { accountId: true } } },
  });
  if (!finding || finding.explainedBy) throw new NotFoundError("That drift item is not out-of-band drift.");
  const now = new Date();
  const { count } = await db().driftFinding.updateMany({
    where: { id: finding.id, acknowledgedAt: null },
    data: { acknowledgedAt: now, acknowledgedBy: actor.email, acknowledgeNote: note },
  });
  if (count === 0) throw new UserError("Someone acknowledged this drift item already.", "CONFLICT");
  const detail = (finding.detail ?? {}) as { summary?: string };
  await audit({
    actor: actor.email,
    action: "review.drift_acknowledged",
    target: finding.entity,
    data: {
      findingId: finding.id,
      accountId: finding.snapshot.accountId,
      summary: detail.summary ?? `${finding.entityType} ${finding.change}: ${finding.entity}`,
      seenAt: finding.seenAt.toISOString(),
      note,
    },
  });
}

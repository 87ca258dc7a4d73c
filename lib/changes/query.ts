import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/session";
import { approvalRules } from "./rules";
import type { ApprovalRules, DoneStep, RequestView } from "./types";
import { approvalCounts, toView, withRelations, type RequestRow } from "./view";

/**
 * Pending requests past their expiry, and approved ones whose approval lapsed (expiresAt is then
 * the approval's end), become expired: checked lazily on read and by the loop.
 */
export async function expireDue(where: { id?: string } = {}): Promise<number> {
  const now = new Date();
  const due = await db().changeRequest.findMany({
    where: { ...where, status: { in: ["pending", "approved"] }, expiresAt: { lt: now } },
    select: { id: true, number: true, target: true, expiresAt: true, status: true },
  });
  let expired = 0;
  for (const r of due) {
    const { count } = await db().changeRequest.updateMany({
      where: { id: r.id, status: r.status, expiresAt: { lt: now } },
      data: { status: "expired", finishedAt: now },
    });
    if (count === 0) continue;
    expired++;
    await audit({
      actor: "system",
      action: "request.expired",
      target: r.target,
      requestId: r.id,
      data: { number: r.number, expiresAt: r.expiresAt.toISOString(), was: r.status },
    });
  }
  return expired;
}

/** The row by id or by number ("12" or "#12"), expiry applied. */
export async function loadRow(idOrNumber: string): Promise<RequestRow | null> {
  const key = idOrNumber.trim().replace(/^#/, "");
  const where = /^\d{1,9}$/.test(key) ? { number: Number(key) } : { id: key };
  // One read in the common case (the progress poll); a second only when this read expires it.
  const row = await db().changeRequest.findUnique({ where, include: withRelations });
  if (!row || (row.status !== "pending" && row.status !== "approved") || row.expiresAt >= new Date())
    return row;
  await expireDue({ id: row.id });
  return db().changeRequest.findUnique({ where: { id: row.id }, include: withRelations });
}

export async function getRequest(idOrNumber: string): Promise<RequestView | null> {
  const row = await loadRow(idOrNumber);
  return row ? toView(row, await approvalRules()) : null;
}

export type ListTab = "awaiting" | "in-progress" | "done" | "rejected" | "failed" | "all";

const STATUSES: Record<ListTab, string[] | null> = {
  awaiting: ["pending"],
  "in-progress": ["approved", "executing", "waiting"],
  done: ["succeeded", "expired", "abandoned"],
  rejected: ["rejected"],
  failed: ["failed"],
  all: null,
};

/** "Awaiting" = what this actor may approve: admins only, never their own unless single-admin. */
function awaitingWhere(actor: Actor, rules: ApprovalRules) {
  return {
    status: "pending",
    ...(rules.singleAdminMode ? {} : { requester: { not: actor.email } }),
  };
}

/** An approval that still counts means the actor has nothing left to do on that request. */
const stillAwaits = (r: RequestRow, actor: Actor, rules: ApprovalRules) =>
  !r.approvals.some((a) => a.approver === actor.email && approvalCounts(a, r, rules));

/** How many requests wait for this admin's approval (the sidebar's count); 0 for other roles. */
export async function awaitingCount(actor: Actor): Promise<number> {
  if (actor.role !== "admin") return 0;
  await expireDue();
  const rules = await approvalRules();
  const rows = await db().changeRequest.findMany({
    where: awaitingWhere(actor, rules),
    include: withRelations,
  });
  return rows.filter((r) => stillAwaits(r, actor, rules)).length;
}

export async function listRequests(opts: {
  tab: ListTab;
  actor: Actor;
  take?: number;
  cursor?: string;
}): Promise<{ items: RequestView[]; nextCursor: string | null }> {
  await expireDue();
  const rules = await approvalRules();
  const take = Math.min(Math.max(opts.take ?? 50, 1), 200);
  const statuses = STATUSES[opts.tab];
  const awaiting = opts.tab === "awaiting";
  if (awaiting && opts.actor.role !== "admin") return { items: [], nextCursor: null };
  const rows = await db().changeRequest.findMany({
    where: awaiting ? awaitingWhere(opts.actor, rules) : statuses ? { status: { in: statuses } } : {},
    include: withRelations,
    orderBy: { number: "desc" },
    take: take + 1,
    ...(opts.cursor ? { cursor: { id: opts.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, take);
  const nextCursor = rows.length > take ? page[page.length - 1].id : null;
  const visible = awaiting ? page.filter((r) => stillAwaits(r, opts.actor, rules)) : page;
  return { items: visible.map((r) => toView(r, rules)), nextCursor };
}

/** Requests about this IAM user that have not finished yet. */
export async function openRequestsFor(iamUserName: string) {
  const rows = await db().changeRequest.findMany({
    where: {
      target: `user/${iamUserName}`,
      status: { in: ["pending", "approved", "executing", "waiting", "failed"] },
    },
    orderBy: { createdAt: "desc" },
    select: { id: true, number: true, summary: true, status: true, requester: true },
  });
  return rows;
}

/** The latest offboarding request for this IAM user, for the person page's "Offboarded" card. */
export async function lastOffboarding(iamUserName: string) {
  return db().changeRequest.findFirst({
    where: { kind: "user.offboard", target: `user/${iamUserName}` },
    orderBy: { createdAt: "desc" },
    select: { id: true, number: true, status: true, finishedAt: true, requester: true, executor: true },
  });
}

/** The request if it is of this kind and still open (pending, approved, executing or waiting). */
export async function openRequest(id: string, kind: string) {
  return db().changeRequest.findFirst({
    where: { id, kind, status: { in: ["pending", "approved", "executing", "waiting"] } },
    select: { id: true, input: true },
  });
}

/** Done steps of executed requests that finished in (since, until]: what Gatehouse itself changed. */
export async function doneStepsBetween(since: Date, until: Date): Promise<DoneStep[]> {
  const rows = await db().changeStep.findMany({
    where: {
      status: "done",
      finishedAt: { gt: since, lte: until },
      request: { status: { in: ["executing", "waiting", "succeeded", "failed", "abandoned"] } },
    },
    select: { requestId: true, op: true, params: true, result: true, finishedAt: true, accountId: true },
    orderBy: { finishedAt: "asc" },
  });
  return rows.map((r) => ({
    requestId: r.requestId,
    accountId: r.accountId,
    op: r.op,
    params: (r.params ?? {}) as Record<string, unknown>,
    result: (r.result ?? undefined) as Record<string, unknown> | undefined,
    finishedAt: r.finishedAt!,
  }));
}

/** Number and title of these requests, for pages that name them (the audit log). */
export async function requestTitles(
  ids: string[],
): Promise<Map<string, { number: number; summary: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db().changeRequest.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, number: true, summary: true },
  });
  return new Map(rows.map((r) => [r.id, { number: r.number, summary: r.summary }]));
}

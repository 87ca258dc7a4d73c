import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/audit";
import { UserError } from "@/lib/errors";
import { iamUserError } from "@/lib/iam";
import { config } from "./context";
import { opOf } from "./ops";
import type { KindRequest, PlannedStep } from "./types";

/** A step as stored: params already normalised by the op's schema, so the hash is stable. */
export type StoredStep = {
  order: number;
  op: string;
  params: Record<string, unknown>;
  /** null = the app's own account. */
  accountId: string | null;
  dependsOn: number[];
  title: string;
  producesSecret: boolean;
};

export type Plan = {
  steps: StoredStep[];
  planHash: string;
  evidence: Record<string, unknown>;
  summary: string;
  target: string;
};

/**
 * The approval binds to this: sha256 of the canonical JSON of what will run, in order, and where.
 * A step in the app's own account has no `accountId` key, so plans made before accounts existed
 * keep their hash (and their approvals).
 */
export function planHash(
  steps: (Pick<StoredStep, "order" | "op" | "params" | "dependsOn"> & { accountId?: string | null })[],
): string {
  const body = canonicalJson(
    steps.map((s) => ({
      order: s.order,
      op: s.op,
      params: s.params,
      dependsOn: [...s.dependsOn].sort((a, b) => a - b),
      ...(s.accountId ? { accountId: s.accountId } : {}),
    })),
  );
  return createHash("sha256").update(body).digest("hex");
}

/**
 * Planned steps as stored: params normalised by each op's schema (so the hash is stable), titles,
 * and 1-based orders from `base + 1` on. A step may depend only on earlier steps of the same batch
 * (dependsOn counts within it), so the plan stays acyclic by construction.
 */
export function toStoredSteps(planned: PlannedStep[], base = 0): StoredStep[] {
  return planned.map((p, i): StoredStep => {
    const op = opOf(p.op);
    const { params, title } = op.step(p.params);
    const dependsOn = [...new Set(p.dependsOn ?? [])];
    const accountId = p.accountId ?? null;
    if (dependsOn.some((d) => !Number.isInteger(d) || d < 1 || d > i))
      throw new Error(
        `${base ? "Re-planned step" : "Step"} ${i + 1} (${p.op}) depends on a step that does not come before it`,
      );
    if (dependsOn.some((d) => (planned[d - 1].accountId ?? null) !== accountId))
      throw new Error(`Step ${i + 1} (${p.op}) depends on a step in another account`);
    return {
      order: base + i + 1,
      op: p.op,
      params,
      accountId,
      dependsOn: dependsOn.map((d) => base + d),
      title,
      producesSecret: op.producesSecret,
    };
  });
}

/** Stored steps as ChangeStep rows (JSON columns as Prisma takes them). */
export function stepRows(steps: StoredStep[]) {
  return steps.map((s) => ({
    order: s.order,
    op: s.op,
    title: s.title,
    params: s.params as object,
    accountId: s.accountId,
    dependsOn: s.dependsOn as object,
    producesSecret: s.producesSecret,
  }));
}

/**
 * Steps in a named account say so first — "production (111111111111): Delete access key …" — so
 * a plan over several accounts reads plainly. When a plan names other accounts, the steps in the
 * app's own account (accountId null) are labelled with its name and id too; a plan only in the
 * app's own account stays unlabelled. `inNamedPlan`: these steps join a plan that names other
 * accounts (a re-plan's added steps). (Titles are not hashed.)
 */
export async function withAccountTitles(steps: StoredStep[], inNamedPlan = false): Promise<StoredStep[]> {
  const ids = [...new Set(steps.flatMap((s) => (s.accountId ? [s.accountId] : [])))];
  if (ids.length === 0 && !inNamedPlan) return steps;
  const { getAccount } = await import("@/lib/aws-accounts"); // server-only: loaded when needed
  const names = new Map<string, string>();
  for (const id of ids) names.set(id, (await getAccount(id))?.name ?? `Account ${id}`);
  let home: string | null = null;
  if (steps.some((s) => !s.accountId)) {
    // A title is no reason to fail a plan: without STS the label is the name alone.
    const id = await config()
      .accountId()
      .catch(() => null);
    const account = id ? await getAccount(id) : null;
    home = id ? `${account?.name ?? "Gatehouse's own account"} (${id})` : "Gatehouse's own account";
  }
  return steps.map((s) =>
    s.accountId
      ? { ...s, title: `${names.get(s.accountId)} (${s.accountId}): ${s.title}` }
      : { ...s, title: `${home}: ${s.title}` },
  );
}

/** What a planner reads IAM through: the app's own account, and any other by its id. */
export async function planContext(evidence: Record<string, unknown>, accountId: string | null = null) {
  return {
    iam: await config().iam(accountId),
    accountId,
    iamIn: (id: string, opts?: { fresh?: boolean }) => config().iam(id, opts),
    evidence,
  };
}

/** Reads IAM's current state through the kind's planner and turns its steps into stored steps. */
export async function computePlan(request: KindRequest): Promise<Plan> {
  const evidence: Record<string, unknown> = {};
  let planned;
  try {
    planned = await request.plan(await planContext(evidence));
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw iamUserError(e); // an IAM read failed: say which, without internals
  }
  const steps = await withAccountTitles(toStoredSteps(planned));
  return {
    steps,
    planHash: planHash(steps),
    evidence,
    summary: request.summary(evidence),
    target: request.target(),
  };
}

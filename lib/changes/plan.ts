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

/** The approval binds to this: sha256 of the canonical JSON of what will run, in order. */
export function planHash(steps: Pick<StoredStep, "order" | "op" | "params" | "dependsOn">[]): string {
  const body = canonicalJson(
    steps.map((s) => ({
      order: s.order,
      op: s.op,
      params: s.params,
      dependsOn: [...s.dependsOn].sort((a, b) => a - b),
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
    if (dependsOn.some((d) => !Number.isInteger(d) || d < 1 || d > i))
      throw new Error(
        `${base ? "Re-planned step" : "Step"} ${i + 1} (${p.op}) depends on a step that does not come before it`,
      );
    return {
      order: base + i + 1,
      op: p.op,
      params,
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
    dependsOn: s.dependsOn as object,
    producesSecret: s.producesSecret,
  }));
}

/** Reads IAM's current state through the kind's planner and turns its steps into stored steps. */
export async function computePlan(request: KindRequest): Promise<Plan> {
  const evidence: Record<string, unknown> = {};
  let planned;
  try {
    planned = await request.plan({ iam: await config().iam(), evidence });
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw iamUserError(e); // an IAM read failed: say which, without internals
  }
  const steps = toStoredSteps(planned);
  return {
    steps,
    planHash: planHash(steps),
    evidence,
    summary: request.summary(evidence),
    target: request.target(),
  };
}

import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/audit/canonical";
import { invalidInput, UserError } from "@/lib/errors";
import { iamUserError } from "@/lib/iam/errors";
import { config } from "./context";
import { opSpec } from "./ops";
import type { AnyChangeKind } from "./types";

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

/** Field errors for the form when input fails the kind's schema. Nothing is written. */
export function parseInput(kind: AnyChangeKind, input: unknown): unknown {
  const parsed = kind.input.safeParse(input);
  if (parsed.success) return parsed.data;
  throw invalidInput(parsed.error);
}

/** Reads IAM's current state through the kind's planner and turns its steps into stored steps. */
export async function computePlan(kind: AnyChangeKind, input: unknown): Promise<Plan> {
  const evidence: Record<string, unknown> = {};
  let planned;
  try {
    planned = await kind.plan(input as never, { iam: await config().iam(), evidence });
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw iamUserError(e); // an IAM read failed: say which, without internals
  }
  const steps = planned.map((p, i): StoredStep => {
    const order = i + 1;
    const spec = opSpec(p.op);
    const params = spec.params.parse(p.params) as Record<string, unknown>;
    const dependsOn = [...new Set(p.dependsOn ?? [])];
    // Only earlier steps may be depended on: the plan is then acyclic by construction.
    if (dependsOn.some((d) => !Number.isInteger(d) || d < 1 || d >= order))
      throw new Error(`Step ${order} (${p.op}) depends on a step that does not come before it`);
    return {
      order,
      op: p.op,
      params,
      dependsOn,
      title: spec.title(params as never),
      producesSecret: spec.producesSecret === true,
    };
  });
  return {
    steps,
    planHash: planHash(steps),
    evidence,
    summary: kind.summary(input as never, evidence),
    target: kind.target(input as never),
  };
}

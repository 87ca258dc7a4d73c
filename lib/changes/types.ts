import type { IAMClient } from "@aws-sdk/client-iam";
import type { z } from "zod";
import { invalidInput } from "@/lib/errors";

// The view types the pages and route handlers receive. Plain JSON: dates as ISO strings.

export type StepStatus = "pending" | "running" | "done" | "failed" | "skipped";
export type RequestStatus =
  | "pending"
  | "approved"
  | "rejected"
  | "expired"
  | "executing"
  /** Executed as far as it may now: the steps left wait for a time (`wakeAt`). */
  | "waiting"
  | "succeeded"
  | "failed"
  | "abandoned";

export type StepView = {
  order: number;
  title: string;
  op: string;
  params: Record<string, unknown>;
  /** The AWS account the step acts in; null = the app's own account. */
  accountId: string | null;
  dependsOn: number[];
  status: StepStatus;
  attempts: number;
  iamRequestId: string | null;
  error: string | null;
  producesSecret: boolean;
  startedAt: string | null;
  finishedAt: string | null;
  /** A pending step that waits for a time runs from then on (a Wait step's end, a key's next check). */
  notBefore: string | null;
  /** Non-secret outputs (ids, ARNs) and why a step was skipped. */
  result: Record<string, unknown> | null;
};

export type ApprovalView = {
  approver: string;
  decision: "approved" | "rejected";
  reason: string | null;
  planHash: string;
  selfApproved: boolean;
  at: string;
  /** Counts toward the current plan's approvals now. */
  counts: boolean;
  /** Why it does not count (an earlier plan, an approver no longer an active admin, a self-approval outside single-admin mode). */
  notCounting: string | null;
};

export type RequestView = {
  id: string;
  number: number;
  kind: string;
  /** The kind's label, e.g. "Add to group". */
  kindLabel: string;
  summary: string;
  requester: string;
  status: RequestStatus;
  planHash: string;
  target: string | null;
  createdAt: string;
  expiresAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** A `waiting` request runs its next due step from then on (the resume loop). */
  wakeAt: string | null;
  executor: string | null;
  approvals: ApprovalView[];
  approvalsRequired: number;
  approvalsCounted: number;
  steps: StepView[];
  /** What planning saw in IAM (the "before"), e.g. { alreadyMember: true }. */
  evidence: unknown;
  /** Someone holds the execution lease right now. */
  leaseActive: boolean;
  /** Steps that wait for an admin because they produce a secret (the resume loop never runs them). */
  waitingForAdmin: boolean;
  /** Users whose one-time credentials were issued and never marked handed over (a re-issue replaces them). */
  credentialsNotHandedOver: string[];
};

/** `accountId`: the account the credential works in, when the step named one (several accounts: one each). */
export type RevealedSecret = (
  | { kind: "password"; userName: string; password: string }
  | { kind: "accessKey"; userName: string; accessKeyId: string; secretAccessKey: string }
) & { accountId?: string };

/** One step as a kind plans it; `order` is its 1-based position, dependsOn names earlier orders. */
/** A done step of an executed change request, as stored in ChangeStep (what drift detection explains). */
/** A step that ran, as drift explanation reads it; `result` holds its non-secret outputs (ids). */
export type DoneStep = {
  requestId: string;
  op: string;
  params: Record<string, unknown>;
  result?: Record<string, unknown>;
  finishedAt: Date;
  /** The account the step acted in (null: the app's own). */
  accountId?: string | null;
};

/**
 * `accountId`: the AWS account the step acts in (none: the app's own). A step may depend only on
 * steps of its own account, so one account's failure leaves the others' chains free to run.
 */
export type PlannedStep = {
  op: string;
  params: Record<string, unknown>;
  dependsOn?: number[];
  accountId?: string | null;
};

export type PlanContext = {
  /** The account's IAM client: the app's own account, or (re-planning) the failed step's account. */
  iam: IAMClient;
  /**
   * The account `iam` acts in: null for the app's own when planning; re-planning, the failed
   * step's (so a kind that names a different user per account knows whose it is).
   */
  accountId?: string | null;
  /** IAM in another account (AwsAccount.id), through its AssumeRole session (`fresh`: assumed anew). */
  iamIn(accountId: string, opts?: { fresh?: boolean }): Promise<IAMClient>;
  /** What the planner saw (before-state), stored with the request and shown beside the plan. */
  evidence: Record<string, unknown>;
};

export type KindSpec<I> = {
  label: string;
  /** Parsed once per use, by `request()`: every method below gets the parsed, typed input. */
  input: z.ZodType<I>;
  plan(input: I, ctx: PlanContext): Promise<PlannedStep[]>;
  summary(input: I, evidence: Record<string, unknown>): string;
  target(input: I): string;
  /**
   * App-side bookkeeping once the IAM change has succeeded (link an employee, record a published
   * version). Runs after the request is marked succeeded; a failure is logged and audited as
   * request.follow_up_failed and never undoes or fails the IAM change.
   */
  onSucceeded?(input: I, ctx: SucceededContext): Promise<void>;
  /**
   * Set by kinds an admin may request, approve and run in one click: their own approval counts,
   * recorded as a self-approval with this reason (two-approver kinds still wait for a second admin).
   */
  oneClickApproval?: string;
  /** See ReplanOnConflict: lets an approved plan grow when IAM changed while it ran. */
  replanOnConflict?: ReplanOnConflict<I>;
};

/**
 * For kinds whose last write may meet IAM state that appeared after planning (a key created
 * meanwhile makes DeleteUser fail with DeleteConflict). When a step whose op is in `triggers`
 * fails with a conflict, the engine asks `plan` for the steps that remove what now blocks it
 * (read live), appends them, makes the failed step wait for them and runs it again. The request
 * keeps its plan hash, so the approval still counts: that is sound only because `covers` admits
 * nothing but removals from the same target (lib/changes/README.md, "Re-plan on conflict").
 */
export type ReplanOnConflict<I> = {
  triggers: readonly string[];
  /** dependsOn in these steps counts within the returned batch (1 = its first step). */
  plan(input: I, ctx: PlanContext): Promise<PlannedStep[]>;
  covers(input: I, step: PlannedStep, batch: PlannedStep[]): boolean;
};

export type SucceededContext = {
  requestId: string;
  steps: Pick<
    StepView,
    "order" | "op" | "title" | "params" | "accountId" | "status" | "result" | "iamRequestId"
  >[];
  evidence: Record<string, unknown>;
};

/** A request's kind bound to its input: parsed (normalised) once, every method typed inside. */
export type KindRequest = {
  /** The input as the kind's schema normalised it: what the request stores. */
  input: unknown;
  plan(ctx: PlanContext): Promise<PlannedStep[]>;
  summary(evidence: Record<string, unknown>): string;
  target(): string;
  onSucceeded?(ctx: SucceededContext): Promise<void>;
  replanOnConflict?: {
    triggers: readonly string[];
    plan(ctx: PlanContext): Promise<PlannedStep[]>;
    covers(step: PlannedStep, batch: PlannedStep[]): boolean;
  };
};

/** A kind in the registry: its label and `request(input)`, the one place its input is parsed. */
export type ChangeKind = {
  label: string;
  oneClickApproval?: string;
  /** Parses raw input with the kind's schema; a UserError with field errors when it does not fit. */
  request(raw: unknown): KindRequest;
};

export function defineKind<I>(spec: KindSpec<I>): ChangeKind {
  const { onSucceeded, replanOnConflict: rp } = spec;
  return {
    label: spec.label,
    oneClickApproval: spec.oneClickApproval,
    request(raw) {
      const parsed = spec.input.safeParse(raw);
      if (!parsed.success) throw invalidInput(parsed.error);
      const input = parsed.data;
      return {
        input,
        plan: (ctx) => spec.plan(input, ctx),
        summary: (evidence) => spec.summary(input, evidence),
        target: () => spec.target(input),
        onSucceeded: onSucceeded && ((ctx) => onSucceeded(input, ctx)),
        replanOnConflict: rp && {
          triggers: rp.triggers,
          plan: (ctx) => rp.plan(input, ctx),
          covers: (step, batch) => rp.covers(input, step, batch),
        },
      };
    },
  };
}

export type ChangeSettings = {
  singleAdminMode: boolean;
  twoApproverKinds: string[];
  /** Days a request waits for approval. */
  expiryDays: number;
  /** Days an approved request may still be executed, counted from its approval. */
  approvalExpiryDays: number;
  webhookUrl: string | null;
};

/** The settings as they apply now (rules.ts): `singleAdminMode` is the effective mode. */
export type ApprovalRules = ChangeSettings & {
  /** What the Settings page stored (or the environment's default), before the admin-count rule. */
  singleAdminModeSetting: boolean;
  /** Emails of the admins who are not disabled. */
  activeAdmins: string[];
};

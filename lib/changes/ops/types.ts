import type { IAMClient } from "@aws-sdk/client-iam";
import type { z } from "zod";
import type { IamError } from "@/lib/iam/errors";
import type { StateChange } from "@/lib/review";
import type { RevealedSecret } from "../types";

/** What one IAM call told us, for the step record (never its secret fields). */
export type CallRecord = { requestId: string | null; sdkAttempts: number };

/** Given to an op while it runs one attempt of one step. */
export type OpContext = {
  iam: IAMClient;
  /** When the step was first started (survives crashes): recovery uses it to find what it created. */
  stepStartedAt: Date;
  /** The step's stored result before this run (ids only): a re-issue of a done step replaces exactly what it made. */
  previousResult: Record<string, unknown> | null;
  /** Records an IAM response's request id and the SDK's attempts on the step; returns it unchanged. */
  record<O extends { $metadata: { requestId?: string; attempts?: number } }>(output: O): O;
  /** Where a secret-producing op puts the secret: memory of the executing admin's call only. */
  reveal(secret: RevealedSecret): void;
};

/** How an attempt ended when it did not throw. */
export type OpOutcome =
  { status: "done"; result?: Record<string, unknown>; note?: string } | { status: "skipped"; note: string };

/** The IAM resource types the ops write to; an op's `target` is `<type>/<name>`. */
export type IamResourceType = "user" | "group" | "policy" | "mfa" | "role" | "instance-profile";

/** Snapshot changes (lib/review/diff.ts) a done step of the op accounts for, e.g. { user: ["created"] }. */
export type OpExplains = Partial<Record<StateChange["entityType"], readonly StateChange["change"][]>>;

export type OpSpec<P> = {
  params: z.ZodType<P>;
  /**
   * Every IAM write action the op may call, in any path (run, onError, reissue), all on the
   * resource `target` names. Its reads are covered by APP_READS (lib/iam/app-policy.ts). The
   * live-mode app policy is derived from this; lib/iam/app-policy.test.ts checks it.
   */
  iam: readonly `iam:${string}`[];
  /** The type of resource `iam` acts on (the prefix of `target`). */
  resource: IamResourceType;
  /** The drift a done step of this op explains (lib/review/explain.ts is derived from it). */
  explains?: OpExplains;
  title(p: P): string;
  /** The IAM entity the step changes, for the audit log (e.g. "user/alice"). */
  target(p: P): string;
  producesSecret?: boolean;
  /** Reads live state first: a reason when the step's effect already holds (→ skipped). */
  alreadyDone?(p: P, ctx: OpContext): Promise<string | null>;
  /** The write itself. */
  run(p: P, ctx: OpContext): Promise<OpOutcome>;
  /**
   * Idempotency for errors that mean "already so" (NoSuchEntity on a delete, EntityAlreadyExists
   * with the same properties on a create). Returns null when the error stands.
   */
  onError?(err: IamError, p: P, ctx: OpContext): Promise<OpOutcome | null>;
  /**
   * Secret-producing ops only: the step was found `running` after a crash (it may have succeeded
   * and the secret is lost). Undo what it may have made and produce a fresh secret.
   */
  reissue?(p: P, ctx: OpContext): Promise<OpOutcome>;
};

// The registry stores specs of different parameter types side by side; each is only ever called
// with its own parsed params (see runOp), so erasing P here is sound.
export type AnyOpSpec = OpSpec<never> & { params: z.ZodType<unknown> };

export function defineOp<P>(spec: OpSpec<P>): AnyOpSpec {
  return spec as unknown as AnyOpSpec;
}

/** A delete whose target is already gone has nothing left to do. */
export async function goneIsSkipped(err: IamError): Promise<OpOutcome | null> {
  return err.kind === "not-found" ? { status: "skipped", note: `Already gone: ${err.message}` } : null;
}

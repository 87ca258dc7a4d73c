import type { IAMClient } from "@aws-sdk/client-iam";
import type { z } from "zod";
import { IamError, type SdkOutput } from "@/lib/iam";
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
  | { status: "done"; result?: Record<string, unknown>; note?: string }
  | { status: "skipped"; note: string }
  /**
   * Not yet (a Wait step before its end, a new key not used yet): the step stays pending and runs
   * again from `until`; `result` is kept on the step meanwhile (e.g. the end it waits for).
   */
  | { status: "waiting"; until: Date; note: string; result?: Record<string, unknown> };

/** The IAM resource types the ops write to; an op's `target` is `<type>/<name>`. */
export type IamResourceType = "user" | "group" | "policy" | "mfa" | "role" | "instance-profile";

/** Snapshot changes (lib/review/diff.ts) a done step of the op accounts for, e.g. { user: ["created"] }. */
export type OpExplains = Partial<Record<StateChange["entityType"], readonly StateChange["change"][]>>;

export type OpSpec<P> = {
  /** Parsed once per use, by `step()`: every method below gets the parsed, typed params. */
  params: z.ZodType<P>;
  /**
   * Every IAM write action the op may call, in any path (run, onError, reissue), all on the
   * resource `target` names. Its reads are covered by APP_READS (lib/iam/app-policy.ts). The
   * live-mode app policy is derived from this; lib/iam/app-policy.test.ts checks it.
   */
  iam: readonly `iam:${string}`[];
  /** The type of resource `iam` acts on (the prefix of `target`). */
  resource: IamResourceType;
  /**
   * The op hands a role to a service (putting it in an instance profile), so AWS also checks
   * `iam:PassRole` on that role (docs/iam-facts.md#passing-roles).
   */
  passesRole?: boolean;
  /** The drift a done step of this op explains (lib/review/explain.ts is derived from it). */
  explains?: OpExplains;
  title(p: P): string;
  /** The IAM entity the step changes, for the audit log (e.g. "user/alice"). */
  target(p: NoInfer<P>): string;
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

/** One step's op bound to its params: parsed (normalised) once, every method typed inside. */
export type OpStep = {
  /** The params as the op's schema normalised them (defaults filled): what plans store and hash. */
  params: Record<string, unknown>;
  title: string;
  target: string;
  alreadyDone?(ctx: OpContext): Promise<string | null>;
  run(ctx: OpContext): Promise<OpOutcome>;
  onError?(err: IamError, ctx: OpContext): Promise<OpOutcome | null>;
  reissue?(ctx: OpContext): Promise<OpOutcome>;
};

/** An op in the table: what it declares, and `step(params)`, the one place its params are parsed. */
export type Op = Pick<OpSpec<unknown>, "iam" | "resource" | "explains" | "passesRole"> & {
  producesSecret: boolean;
  /** Parses raw (planned or stored) params with the op's schema; throws a ZodError when they do not fit. */
  step(raw: unknown): OpStep;
};

export function defineOp<P extends Record<string, unknown>>(spec: OpSpec<P>): Op {
  const { alreadyDone, onError, reissue } = spec;
  return {
    iam: spec.iam,
    resource: spec.resource,
    explains: spec.explains,
    passesRole: spec.passesRole,
    producesSecret: spec.producesSecret === true,
    step(raw) {
      const p = spec.params.parse(raw);
      return {
        params: p,
        title: spec.title(p),
        target: spec.target(p),
        alreadyDone: alreadyDone && ((ctx) => alreadyDone(p, ctx)),
        run: (ctx) => spec.run(p, ctx),
        onError: onError && ((err, ctx) => onError(err, p, ctx)),
        reissue: reissue && ((ctx) => reissue(p, ctx)),
      };
    },
  };
}

/**
 * The common op: its write is one IAM call, made by `send` from the params and recorded. `result`
 * picks what the step keeps from the response (ids, never secrets); without it the step keeps nothing.
 */
export function defineCallOp<P extends Record<string, unknown>, O extends SdkOutput>(
  spec: Omit<OpSpec<P>, "run"> & {
    send(iam: IAMClient, p: P): Promise<O>;
    result?(out: O): Record<string, unknown>;
  },
): Op {
  const { send, result, ...rest } = spec;
  return defineOp({
    ...rest,
    async run(p, ctx) {
      const out = ctx.record(await send(ctx.iam, p));
      return result ? { status: "done", result: result(out) } : { status: "done" };
    },
  });
}

/** A delete whose target is already gone has nothing left to do. */
export async function goneIsSkipped(err: IamError): Promise<OpOutcome | null> {
  return err.kind === "not-found" ? { status: "skipped", note: `Already gone: ${err.message}` } : null;
}

/** What a create's rerun found under the name it wanted: its own entity, or someone else's. */
export type Existing = { result: Record<string, unknown>; note: string } | { conflict: string };

/**
 * A create's `onError`: IAM says the name is taken, typically because an earlier attempt of this
 * step made the entity before a crash. `look` reads the entity: the same properties as planned
 * mean this step made it (done, with its ids); other properties are a conflict nobody should
 * overwrite.
 */
export function existingIsDone<P>(
  look: (p: P, ctx: OpContext) => Promise<Existing>,
): (err: IamError, p: P, ctx: OpContext) => Promise<OpOutcome | null> {
  return async (err, p, ctx) => {
    if (err.kind !== "already-exists") return null;
    const found = await look(p, ctx);
    if ("result" in found) return { status: "done", result: found.result, note: found.note };
    throw new IamError("conflict", "EntityAlreadyExists", found.conflict, err.requestId, 1);
  };
}

/** The target of an op on a user. */
export const userTarget = (p: { userName: string }) => `user/${p.userName}`;

/**
 * Removing something a user has (the user itself, a credential, an inline policy): one call on
 * the user, and something already gone has nothing left to do.
 */
export function defineUserRemoval<P extends { userName: string }>(
  spec: Pick<OpSpec<P>, "params" | "explains" | "title"> & {
    iam: `iam:${string}`;
    send(iam: IAMClient, p: P): Promise<SdkOutput>;
  },
): Op {
  return defineCallOp({
    ...spec,
    iam: [spec.iam],
    resource: "user",
    target: userTarget,
    onError: goneIsSkipped,
  });
}

/** One side of a link: the call that makes (or undoes) it and how the step is titled. */
type LinkSide<P> = Pick<OpSpec<P>, "title" | "alreadyDone"> & {
  iam: `iam:${string}`;
  send(iam: IAMClient, p: P): Promise<SdkOutput>;
};

/**
 * The two ops that make and undo one link (a user in a group, a policy attached to a user or a
 * group): the same params, resource and target; the drift they explain is the link's entity
 * created or removed; and undoing a link that is already gone has nothing left to do.
 */
export function defineLinkOps<P extends Record<string, unknown>>(link: {
  resource: IamResourceType;
  explains: StateChange["entityType"];
  params: z.ZodType<P>;
  target(p: NoInfer<P>): string;
  make: LinkSide<P>;
  undo: LinkSide<P>;
}): [make: Op, undo: Op] {
  const { make, undo, explains, ...shared } = link;
  return [
    defineCallOp({ ...shared, ...make, iam: [make.iam], explains: { [explains]: ["created"] } }),
    defineCallOp({
      ...shared,
      ...undo,
      iam: [undo.iam],
      explains: { [explains]: ["removed"] },
      onError: goneIsSkipped,
    }),
  ];
}

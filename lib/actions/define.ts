import "server-only";
import type { z } from "zod";
import { requireActor, type SignedIn } from "@/lib/auth/session";
import { log } from "@/lib/log";
import { AuthError, fieldErrorsOf, UserError } from "@/lib/errors";
import { ACTION_ROLES, ALLOWED_BEFORE_PASSWORD_CHANGE, type ActionName } from "./registry";
import type { Failure, Result } from "./result";

function failure(name: string, e: unknown): Failure {
  if (e instanceof UserError) {
    return { ok: false, code: e.code, error: e.message, fieldErrors: e.fieldErrors, action: name };
  }
  log().error(
    {
      action: name,
      err: e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : String(e),
    },
    "action failed",
  );
  return {
    ok: false,
    code: "INTERNAL",
    error: "Something went wrong. Nothing was changed; try again.",
    action: name,
  };
}

/**
 * Every server action goes through this: session + role (from the registry) first, then input
 * validation, then the work. Returns a Result; throws only for bugs in the caller.
 */
export function defineAction<S extends z.ZodType, R>(opts: {
  name: ActionName;
  input: S;
  run: (input: z.infer<S>, actor: SignedIn) => Promise<R>;
}): (raw: unknown) => Promise<Result<R>> {
  const role = ACTION_ROLES[opts.name];
  const allowPasswordChange = ALLOWED_BEFORE_PASSWORD_CHANGE.has(opts.name);
  return async (raw: unknown) => {
    let actor: SignedIn;
    try {
      actor = await requireActor(role, { allowPasswordChange });
    } catch (e) {
      if (e instanceof AuthError) return failure(opts.name, e);
      return failure(opts.name, e);
    }
    const parsed = opts.input.safeParse(raw);
    if (!parsed.success) {
      const errors = fieldErrorsOf(parsed.error);
      return {
        ok: false,
        code: "INVALID_INPUT",
        error: "Check the highlighted fields.",
        fieldErrors: errors,
        action: opts.name,
      };
    }
    try {
      return { ok: true, data: await opts.run(parsed.data, actor) };
    } catch (e) {
      return failure(opts.name, e);
    }
  };
}

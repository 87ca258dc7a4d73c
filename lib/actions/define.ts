import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { requireActor, type SignedIn } from "@/lib/auth/session";
import { fieldErrorsOf, UserError } from "@/lib/errors";
import { log } from "@/lib/log";
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

type Paths = string | readonly string[];

/** A server action as its callers see it: the schema's input type in, a Result of the work out. */
export type Action<I, R> = (input: I) => Promise<Result<R>>;

/**
 * Every server action is one of these, exported as it is from its "use server" file:
 *
 *     export const syncNowAction = defineAction({ name: "review.sync", input, revalidate: "/review", run });
 *
 * Session + role (from the registry) first, then input validation, then the work, then the
 * `revalidate` path(s), only after a success: a path, a list, or a function of the result that
 * returns them or null (with an inline `run`, write `run` first so the function sees its type).
 * Returns a Result: what `run` throws never reaches the caller, only a UserError's message and
 * field errors do; anything else is logged and answered with a generic message.
 */
export function defineAction<S extends z.ZodType, R>(opts: {
  name: ActionName;
  input: S;
  revalidate?: Paths | ((data: NoInfer<R>) => Paths | null);
  run: (input: z.output<S>, actor: SignedIn) => Promise<R>;
}): Action<z.input<S>, R> {
  const role = ACTION_ROLES[opts.name];
  const allowPasswordChange = ALLOWED_BEFORE_PASSWORD_CHANGE.has(opts.name);
  return async (raw) => {
    let actor: SignedIn;
    try {
      actor = await requireActor(role, { allowPasswordChange });
    } catch (e) {
      return failure(opts.name, e);
    }
    const parsed = opts.input.safeParse(raw);
    if (!parsed.success) {
      return {
        ok: false,
        code: "INVALID_INPUT",
        error: "Check the highlighted fields.",
        fieldErrors: fieldErrorsOf(parsed.error),
        action: opts.name,
      };
    }
    let data: R;
    try {
      data = await opts.run(parsed.data, actor);
    } catch (e) {
      return failure(opts.name, e);
    }
    const paths = typeof opts.revalidate === "function" ? opts.revalidate(data) : opts.revalidate;
    for (const path of typeof paths === "string" ? [paths] : (paths ?? [])) revalidatePath(path);
    return { ok: true, data };
  };
}

// The errors every layer shares: the engine (lib/changes and the other domains) throws them, the
// action and route wrappers (lib/actions) turn them into answers. A leaf module: it imports
// nothing, so any file may import it without pulling in a layer above.

export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "INVALID_INPUT"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "UNAVAILABLE"
  | "INTERNAL";

/** Form field (dotted path into the input, "_" for the whole input) → its messages. */
export type FieldErrors = Record<string, string[]>;

/**
 * An error whose message is safe to show to the person who caused it. Anything else thrown
 * inside an action or route is logged and replaced by a generic message (no internals leak).
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode = "CONFLICT",
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "UserError";
  }
}

/** Bad input on one form field: the message shows at the top and beside that field. */
export function fieldError(field: string, message: string): UserError {
  return new UserError(message, "INVALID_INPUT", { [field]: [message] });
}

/** No session, or a session whose role (or one-time password) does not allow this. */
export class AuthError extends UserError {
  constructor(code: "UNAUTHENTICATED" | "FORBIDDEN", message?: string) {
    super(
      message ?? (code === "UNAUTHENTICATED" ? "Sign in to continue." : "Your role does not allow this."),
      code,
    );
    this.name = "AuthError";
  }
}

export class NotFoundError extends UserError {
  constructor(message: string) {
    super(message, "NOT_FOUND");
  }
}

/** The shape of a ZodError this module reads (structural, so the module stays a leaf). */
type Issues = { issues: readonly { path: readonly PropertyKey[]; message: string }[] };

/**
 * A failed schema parse as field errors: one key per dotted path (`input.userName`,
 * `twoApproverKinds.0`; `_` for the input as a whole), every message of that path in order.
 */
export function fieldErrorsOf(error: Issues): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) (out[issue.path.map(String).join(".") || "_"] ??= []).push(issue.message);
  return out;
}

/** A failed parse of a form's input as the error the form shows. Nothing has been written. */
export function invalidInput(error: Issues, message = "Some fields are not valid."): UserError {
  return new UserError(message, "INVALID_INPUT", fieldErrorsOf(error));
}

/** A unique index refused the write (Prisma's P2002): someone else wrote the same key first. */
export function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: unknown } | null | undefined)?.code === "P2002";
}

/** Errors that mean "the database is not there", as opposed to a bug in a query. */
export function isDatabaseUnavailable(e: unknown): boolean {
  const err = e as { code?: string; name?: string; message?: string; cause?: unknown };
  if (!err) return false;
  if (
    ["P1001", "P1002", "P1003", "P1017", "ECONNREFUSED", "SQLITE_CANTOPEN", "3D000", "57P03"].includes(
      String(err.code),
    )
  )
    return true;
  if (err.name === "PrismaClientInitializationError" || err.name === "DriverAdapterError")
    return /connect|database|open|refused/i.test(String(err.message));
  if (/ECONNREFUSED|unable to open database|Can't reach database|does not exist/i.test(String(err.message)))
    return true;
  return err.cause ? isDatabaseUnavailable(err.cause) : false;
}

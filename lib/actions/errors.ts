// Errors whose message is safe to show to the person who caused them. Anything else that is
// thrown inside an action is logged and replaced by a generic message (no internals leak).

export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "INVALID_INPUT"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "UNAVAILABLE"
  | "INTERNAL";

export class UserError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode = "CONFLICT",
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "UserError";
  }
}

/** Bad input on one form field: the message shows at the top and beside that field. */
export function fieldError(field: string, message: string): UserError {
  return new UserError(message, "INVALID_INPUT", { [field]: [message] });
}

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

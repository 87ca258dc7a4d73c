import type { ErrorCode } from "@/lib/errors";

export type Failure = {
  ok: false;
  code: ErrorCode;
  error: string;
  fieldErrors?: Record<string, string[]>;
  /** The action's registry name: lets the refusal test map responses to the registry. */
  action?: string;
};

export type Result<T> = { ok: true; data: T } | Failure;

"use client";

import { useCallback, useState, useTransition } from "react";
import { toast } from "sonner";
import type { Failure, Result } from "@/lib/actions/result";

export type FieldErrors = Record<string, string[]>;

/** What to do with one call's outcome. Every callback is optional. */
export type CallOptions<O> = {
  /** A success toast: a fixed text, or one built from the result (nothing when it returns undefined). */
  success?: string | ((data: O) => string | undefined);
  onSuccess?: (data: O) => void | Promise<void>;
  onError?: (failure: Failure) => void;
  /** After either outcome (a refresh that must happen whatever the result was). */
  onSettled?: () => void | Promise<void>;
  /** `false` for forms that show the error beside the control instead of in a toast. */
  toastError?: boolean;
};

/**
 * Field errors as the form names its fields. The request actions nest the kind's input under
 * `input` (`input.roleName`); the form's field is `roleName`.
 */
function fieldErrorsOf(failure: Failure): FieldErrors {
  return Object.fromEntries(
    Object.entries(failure.fieldErrors ?? {}).map(([k, v]) => [k.replace(/^input\./, ""), v]),
  );
}

/**
 * The one way a component calls a server action: call → pending → toast → field errors.
 *
 *     const { run, pending, fieldErrors } = useServerAction();
 *     run(createRequestAction, { kind, input }, { onSuccess: (r) => router.push(`/requests/${r.id}`) });
 *
 * `run` is generic over the action (`(input: I) => Promise<Result<O>>`), so the input and the
 * result type-check against it. One hook serves every action a component calls, sharing one
 * pending state (a page's buttons are disabled while any of its calls runs). On failure the error
 * toasts (unless `toastError: false`), `error` and `fieldErrors` are set and nothing else changes:
 * the form keeps what was typed. On success both are cleared.
 */
export function useServerAction() {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  const run = useCallback(
    <I, O>(action: (input: I) => Promise<Result<O>>, input: I, options: CallOptions<O> = {}) =>
      startTransition(async () => {
        const res = await action(input);
        if (res.ok) {
          setError(null);
          setFieldErrors({});
          const message = typeof options.success === "function" ? options.success(res.data) : options.success;
          if (message) toast.success(message);
          await options.onSuccess?.(res.data);
        } else {
          setError(res.error);
          setFieldErrors(fieldErrorsOf(res));
          if (options.toastError !== false) toast.error(res.error);
          options.onError?.(res);
        }
        await options.onSettled?.();
      }),
    [],
  );

  const reset = useCallback(() => {
    setError(null);
    setFieldErrors({});
  }, []);

  return { run, pending, error, fieldErrors, setFieldErrors, reset };
}

import type { ComponentProps, ReactNode } from "react";
import { Button } from "./button";

/** The small label above a control of a one-line form (a filter, an inline setting). */
export function InlineLabel({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="text-xs font-medium text-slate-600">
      {label}
      {children}
    </label>
  );
}

/** A labelled input of a one-line form, holding its value in the caller's state. */
export function InlineInput({
  label,
  onChange,
  invalid,
  className,
  ...input
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  className: string;
} & Omit<ComponentProps<"input">, "onChange" | "aria-invalid">) {
  return (
    <InlineLabel label={label}>
      <input
        {...input}
        onChange={(e) => onChange(e.target.value)}
        className={`input mt-1 ${className}`}
        aria-invalid={invalid}
      />
    </InlineLabel>
  );
}

/**
 * A one-line form that calls a server action: its fields (InlineLabel), its submit button, then
 * each message of a refusal, then an optional note.
 */
export function InlineForm({
  label,
  onSubmit,
  submit,
  variant,
  pending,
  errors,
  note,
  children,
}: {
  /** The form's accessible name, when the page needs one. */
  label?: string;
  onSubmit: () => void;
  submit: string;
  variant?: "primary" | "secondary";
  pending: boolean;
  /** The messages to show; empty ones are skipped. */
  errors: (string | null | undefined | false)[];
  note?: ReactNode;
  children: ReactNode;
}) {
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
      <Button type="submit" variant={variant} disabled={pending}>
        {submit}
      </Button>
      {errors
        .filter((m): m is string => !!m)
        .map((m) => (
          <p key={m} role="alert" className="text-sm text-red-700">
            {m}
          </p>
        ))}
      {note && <p className="w-full text-xs text-slate-500">{note}</p>}
    </form>
  );
}

import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from "react";

/**
 * A labelled form control with its hint and error. The label is tied to the control by id, so
 * screen readers (and tests) find the control by its label text alone.
 */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string[];
  hint?: string;
  children: ReactNode;
}) {
  const id = useId();
  const described = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  const control = isValidElement(children)
    ? cloneElement(
        children as ReactElement<{ id?: string; "aria-describedby"?: string; "aria-invalid"?: boolean }>,
        { id, "aria-describedby": described, "aria-invalid": error ? true : undefined },
      )
    : children;
  return (
    <div className="block text-sm">
      <label htmlFor={id} className="font-medium text-slate-700">
        {label}
      </label>
      <div className="mt-1">{control}</div>
      {hint && !error && (
        <span id={`${id}-hint`} className="mt-1 block text-xs text-slate-500">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} role="alert" className="mt-1 block text-xs text-red-600">
          {error.join(" ")}
        </span>
      )}
    </div>
  );
}

import type { ReactNode } from "react";

const TONES = {
  /** A policy document or other JSON on its own (dark in both themes). */
  dark: "palette-fixed bg-slate-950 p-4 text-xs text-slate-100",
  /** A parameter inside a plan step. */
  light: "bg-slate-50 p-2 text-[11px] text-slate-800",
} as const;

/**
 * Preformatted text that may scroll: a focusable, named region, so the keyboard can scroll it
 * and a screen reader says what it is. `className` sets its height (max-h-…) and margins.
 */
export function CodeBlock({
  label,
  tone = "dark",
  className = "",
  testId,
  children,
}: {
  label: string;
  tone?: keyof typeof TONES;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <pre
      role="region"
      aria-label={label}
      tabIndex={0}
      data-testid={testId}
      className={`overflow-auto rounded-md font-mono ${TONES[tone]} ${className}`}
    >
      {children}
    </pre>
  );
}

import Link from "next/link";
import type { ReactNode } from "react";

/** A column header: its text, or the text only screen readers hear (an actions column). */
export type Column = string | { label: string; srOnly?: boolean; className?: string };

const FRAMES = {
  /** A bordered white box of its own (a list page). */
  box: "rounded-lg border border-slate-200 bg-white",
  /** The same (every frame scrolls sideways; kept for the callers that asked for it). */
  scroll: "rounded-lg border border-slate-200 bg-white",
  /** Inside a Card, which draws the box. */
  none: "",
} as const;

/**
 * The console's table: a real <table> with a header row (<th> for each column) and one <tbody>
 * for the rows. The rows are the caller's own <tr>s, so their test ids, links and per-row state
 * stay with the page. A plain component (no client state): server pages and client components
 * use it alike. Filtering and paging happen on the server, through the URL.
 */
export function DataTable({
  columns,
  frame = "box",
  label = "Table",
  children,
}: {
  columns: Column[];
  frame?: keyof typeof FRAMES;
  /** The name of the table's scrolling region (what a screen reader announces on reaching it). */
  label?: string;
  children: ReactNode;
}) {
  const table = (
    <table className="w-full text-left text-sm">
      <thead className={`text-xs uppercase text-slate-500 ${frame === "none" ? "" : "bg-slate-50"}`}>
        <tr>
          {columns.map((c, i) => {
            const { label, srOnly = false, className } = typeof c === "string" ? { label: c } : c;
            return (
              <th
                key={i}
                className={className ?? (i === 0 ? (frame === "none" ? "py-2" : "px-4 py-2") : undefined)}
              >
                {srOnly ? <span className="sr-only">{label}</span> : label}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">{children}</tbody>
    </table>
  );
  return (
    <ScrollRegion label={label} className={FRAMES[frame]}>
      {table}
    </ScrollRegion>
  );
}

/**
 * Something wider than a phone (a table) scrolls sideways inside its own region, never the page;
 * the region is focusable and named, so the keyboard can scroll it too. It is `relative` so
 * absolutely placed content inside (sr-only text) cannot stick out of it and widen the page.
 */
export function ScrollRegion({
  label,
  className = "",
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`relative overflow-x-auto ${className}`}>
      {children}
    </div>
  );
}

/** The link under a table to its next page (the page passes the cursor in `href`). */
export function NextPageLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <div className="mt-4 text-right">
      <Link className="text-sm font-medium text-indigo-700 underline" href={href}>
        {children}
      </Link>
    </div>
  );
}

import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";
import type { z } from "zod";
import { InlineLabel } from "./inline-form";

/** A page's URL query, as Next.js hands it to the page. */
export type SearchParams = Promise<Record<string, string | undefined>>;

/**
 * The filter a FilterForm put in the page's URL: what the schema accepts. When the query does not
 * fit the schema the page shows everything, with `valid: false` so it can say the filter was ignored.
 */
export async function readFilter<T extends object>(
  schema: z.ZodType<T>,
  searchParams: SearchParams,
): Promise<{ filter: Partial<T>; valid: boolean }> {
  const parsed = schema.safeParse(await searchParams);
  return parsed.success ? { filter: parsed.data, valid: true } : { filter: {}, valid: false };
}

/**
 * A list page's filters as a plain GET form: the URL is the state, so a filtered view can be
 * shared and the server does the filtering (the page reads it back with readFilter). Its controls
 * are FilterInput and FilterSelect (or any other named control); Apply submits, Clear (when
 * `clearHref` is given) goes back to no filter.
 */
export function FilterForm({
  label,
  layout = "row",
  submit = "Apply",
  clearHref,
  children,
}: {
  /** The form's accessible name, when a page has more than one form. */
  label?: string;
  /** "row": the controls wrap along one line; "grid": two columns, six from md up. */
  layout?: "row" | "grid";
  submit?: string;
  clearHref?: string;
  children: ReactNode;
}) {
  const className =
    layout === "grid"
      ? "mb-4 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-6 md:items-end"
      : "mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3";
  return (
    <form method="get" className={className} aria-label={label}>
      {children}
      <div className="flex gap-2">
        <button type="submit" className="rounded-md bg-slate-800 px-3 py-2 text-sm font-medium text-white">
          {submit}
        </button>
        {clearHref && (
          <Link href={clearHref} className="px-2 py-2 text-sm text-slate-600">
            Clear
          </Link>
        )}
      </div>
    </form>
  );
}

/** A text (or search, date) filter; `value` is the filter's current value from the URL. */
export function FilterInput({
  label,
  value,
  className,
  ...input
}: { label: string; value?: string } & Omit<ComponentProps<"input">, "value" | "defaultValue">) {
  return (
    <InlineLabel label={label}>
      <input
        defaultValue={value ?? ""}
        className={className ? `input mt-1 ${className}` : "input mt-1"}
        {...input}
      />
    </InlineLabel>
  );
}

/** The free-text search of a list page: the `q` of its URL. */
export function FilterSearch({
  value,
  placeholder,
  className,
}: {
  value?: string;
  placeholder: string;
  className: string;
}) {
  return (
    <FilterInput
      name="q"
      type="search"
      label="Search"
      value={value}
      placeholder={placeholder}
      className={className}
    />
  );
}

/**
 * A choice filter: `options` are the values (each its own text), or value → text. `any`, when
 * given, is the text of a first option with the empty value: no filter on this field.
 */
export function FilterSelect({
  name,
  label,
  value,
  any,
  options,
}: {
  name: string;
  label: string;
  value?: string;
  any?: string;
  options: readonly string[] | Readonly<Record<string, string>>;
}) {
  return (
    <InlineLabel label={label}>
      <select name={name} defaultValue={value ?? ""} className="input mt-1">
        {any !== undefined && <option value="">{any}</option>}
        {Array.isArray(options)
          ? options.map((o) => <option key={o}>{o}</option>)
          : Object.entries(options).map(([v, text]) => (
              <option key={v} value={v}>
                {text}
              </option>
            ))}
      </select>
    </InlineLabel>
  );
}

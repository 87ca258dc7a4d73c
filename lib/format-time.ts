// The one way the console prints an instant: "2026-12-03 14:18 UTC". Always UTC, so a page
// rendered on the server and hydrated in any browser prints the same text, and people in
// different zones quoting a time to each other (or to the audit log, which stores UTC) agree.
// No imports: server pages, client components and tests all use it.

/** An instant as "YYYY-MM-DD HH:MM UTC" (with `seconds`, "HH:MM:SS"); "—" when there is none. */
export function formatTime(
  value: string | Date | null | undefined,
  opts: { seconds?: boolean } = {},
): string {
  if (value === null || value === undefined || value === "") return "—";
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return "—";
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, opts.seconds ? 19 : 16)} UTC`;
}

/** The machine-readable form for a `<time dateTime>` attribute. */
export function isoTime(value: string | Date): string {
  return typeof value === "string" ? new Date(value).toISOString() : value.toISOString();
}

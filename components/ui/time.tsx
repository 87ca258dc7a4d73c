import { formatTime, isoTime } from "@/lib/format-time";

/** An instant, printed the console's one way (lib/format-time.ts), machine-readable in `dateTime`. */
export function Time({ value, seconds }: { value: string | Date | null | undefined; seconds?: boolean }) {
  if (value === null || value === undefined || Number.isNaN(new Date(value).getTime())) return <>—</>;
  return <time dateTime={isoTime(value)}>{formatTime(value, { seconds })}</time>;
}

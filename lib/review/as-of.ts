import { formatTime } from "@/lib/format-time";

// How old a view built from a snapshot or a report is, said one way everywhere: "as of" the date
// and minute in UTC. A snapshot the re-read after a request updated (reread.ts) says both times:
// the whole account as of its last full sync, what the request touched as of just after it.

/** "2026-12-03 14:05 UTC": the console's one time format (lib/format-time.ts). */
export function asOfTime(at: Date | string): string {
  return formatTime(at);
}

/** What a view says of its data's age. */
export interface DataAge {
  /** The last full read of the account (a sync, or the credential report's generation). */
  syncedAt: string;
  /** When the re-read after a request updated what it touched, and which request (its id). */
  reread: { at: string; requestId: string | null } | null;
  /** "sync" (the review's snapshot) or "report" (IAM's credential report, read live). */
  source: "sync" | "report";
}

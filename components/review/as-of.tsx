import Link from "next/link";
import { asOfTime, type DataAge } from "@/lib/review/shared";

/**
 * "<what> as of <time>": the age of a view built from a snapshot or a report, the same words on
 * every page; with the re-read after a request, when and after which request.
 */
export function AsOf({ what, age }: { what: string; age: DataAge | null }) {
  if (!age)
    return (
      <p data-testid="as-of" className="mb-3 text-xs text-slate-500">
        {what}: never synced.
      </p>
    );
  return (
    <p data-testid="as-of" className="mb-3 text-xs text-slate-500">
      {what} as of {asOfTime(age.syncedAt)}
      {age.source === "report" ? " (IAM's credential report)" : " (the last sync)"}
      {age.reread && (
        <>
          {" "}
          · updated {asOfTime(age.reread.at)} after{" "}
          {age.reread.requestId ? (
            <Link href={`/requests/${age.reread.requestId}`} className="underline">
              a request
            </Link>
          ) : (
            "a request"
          )}
        </>
      )}
    </p>
  );
}

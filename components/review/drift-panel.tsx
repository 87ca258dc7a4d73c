import Link from "next/link";
import { AlertTriangle } from "lucide-react";
import type { DriftEntry, SyncCounts } from "@/lib/review";
import { AcknowledgeDrift } from "./acknowledge-drift";
import { Time } from "@/components/ui/time";

/**
 * Out-of-band changes: made in the account but not by an executed Gatehouse request, and not
 * acknowledged. `open` is the same count the sync toast says (lib/review's openDriftCount).
 */
export function DriftPanel({
  items,
  open,
  canAcknowledge,
}: {
  items: DriftEntry[];
  open: number;
  canAcknowledge: boolean;
}) {
  if (open === 0) return null;
  return (
    <section
      aria-labelledby="drift-heading"
      className="mb-4 rounded-lg border border-red-200 bg-red-50 p-3"
      data-testid="drift-panel"
    >
      <h2 id="drift-heading" className="mb-2 flex items-center gap-2 text-sm font-semibold text-red-800">
        <AlertTriangle className="size-4" aria-hidden /> Out-of-band drift: {open} to review (last 30 days)
        {items.length < open && ` · newest ${items.length} shown`}
      </h2>
      <ul className="max-h-72 space-y-2 overflow-auto text-sm text-red-900">
        {items.map((d) => (
          <li
            key={d.id}
            data-testid="drift-item"
            className="flex flex-wrap items-center justify-between gap-2"
          >
            <span>
              {d.summary}
              {" · "}
              {d.about.href ? (
                <Link href={d.about.href} className="font-medium underline">
                  {d.about.name}
                </Link>
              ) : (
                <span className="font-medium">{d.about.name}</span>
              )}
              {d.about.gone && (
                <span data-testid="drift-gone" className="ml-1 italic">
                  ({d.about.kind === "other" ? "it" : `this ${d.about.kind}`} no longer exists)
                </span>
              )}
            </span>
            <span className="flex items-center gap-2">
              <span className="shrink-0 text-xs text-red-700">
                seen <Time value={d.seenAt} />
              </span>
              {canAcknowledge && <AcknowledgeDrift id={d.id} summary={d.summary} />}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Says when the last sync could not read CloudTrail: its drift then comes from comparing two
 * snapshots, which misses what was made and undone in between (a key created and deleted).
 */
export function DriftSourceNote({ cloudTrail }: { cloudTrail: SyncCounts["cloudTrail"] }) {
  if (!cloudTrail || cloudTrail.used) return null;
  return (
    <p
      role="status"
      className="mb-4 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900"
      data-testid="drift-source"
    >
      The last sync could not read CloudTrail ({cloudTrail.reason}), so its drift comes from comparing two
      snapshots: a change made and undone between syncs (a key created and deleted) is not seen. Allow{" "}
      <code>cloudtrail:LookupEvents</code> to the app&apos;s identity.
    </p>
  );
}

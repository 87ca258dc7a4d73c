import { AlertTriangle } from "lucide-react";
import type { DriftItem, SyncCounts } from "@/lib/review";

/** Out-of-band changes: made in the account but not by an executed Gatehouse request. */
export function DriftPanel({ items }: { items: DriftItem[] }) {
  if (items.length === 0) return null;
  return (
    <section
      aria-labelledby="drift-heading"
      className="mb-4 rounded-lg border border-red-200 bg-red-50 p-3"
      data-testid="drift-panel"
    >
      <h2 id="drift-heading" className="mb-2 flex items-center gap-2 text-sm font-semibold text-red-800">
        <AlertTriangle className="size-4" aria-hidden /> Out-of-band drift ({items.length} in the last 30
        days)
      </h2>
      <ul className="max-h-48 space-y-1 overflow-auto text-sm text-red-900">
        {items.map((d) => (
          <li key={d.id} data-testid="drift-item" className="flex justify-between gap-4">
            <span>{d.summary}</span>
            <time dateTime={d.seenAt} className="shrink-0 text-xs text-red-700">
              seen {d.seenAt.replace("T", " ").slice(0, 16)} UTC
            </time>
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

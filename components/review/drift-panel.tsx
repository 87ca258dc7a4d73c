import { AlertTriangle } from "lucide-react";
import type { DriftItem } from "@/lib/review";

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

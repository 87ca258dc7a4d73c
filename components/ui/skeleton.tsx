/**
 * A grey placeholder while something loads: never a fact (no "Never synced", no "No access") in
 * its place. `label` is what screen readers hear (the region is busy until the content arrives).
 */
export function Skeleton({ label, className = "h-4 w-48" }: { label: string; className?: string }) {
  return (
    <span role="status" aria-busy="true" data-testid="skeleton" className="inline-flex items-center">
      <span aria-hidden className={`inline-block animate-pulse rounded bg-slate-200 ${className}`} />
      <span className="sr-only">{label}</span>
    </span>
  );
}

/** A few skeleton lines for a block (a table, a panel) that is still loading. */
export function SkeletonBlock({ label, lines = 4 }: { label: string; lines?: number }) {
  return (
    <div role="status" aria-busy="true" data-testid="skeleton" className="space-y-2">
      {Array.from({ length: lines }, (_, i) => (
        <span
          key={i}
          aria-hidden
          className="block h-4 animate-pulse rounded bg-slate-200"
          style={{ width: `${90 - ((i * 17) % 40)}%` }}
        />
      ))}
      <span className="sr-only">{label}</span>
    </div>
  );
}

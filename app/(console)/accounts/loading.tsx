/** While the accounts and the app's own connection are read. */
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-3">
      <span className="sr-only">Loading accounts…</span>
      <div className="h-8 w-48 animate-pulse rounded bg-slate-200" />
      {[0, 1, 2].map((i) => (
        <div key={i} className="h-14 animate-pulse rounded bg-slate-100" />
      ))}
    </div>
  );
}

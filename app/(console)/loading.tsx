/** Shown while a console page renders on the server: the page header and a table's shape. */
export default function ConsoleLoading() {
  return (
    <div role="status" aria-busy="true" className="animate-pulse">
      <span className="sr-only">Loading…</span>
      <div className="mb-6 space-y-2" aria-hidden>
        <div className="h-7 w-64 rounded bg-slate-200" />
        <div className="h-4 w-96 max-w-full rounded bg-slate-100" />
      </div>
      <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-hidden>
        {[0, 1, 2, 3, 4].map((i) => (
          <div key={i} className="h-4 rounded bg-slate-100" style={{ width: `${90 - i * 8}%` }} />
        ))}
      </div>
    </div>
  );
}

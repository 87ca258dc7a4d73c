export function DatabaseUnavailable() {
  return (
    <main className="mx-auto mt-24 max-w-lg rounded-lg border border-red-200 bg-white p-8 shadow-sm">
      <h1 className="text-lg font-semibold text-red-700">Gatehouse cannot reach its database</h1>
      <p className="mt-3 text-sm text-slate-700">
        Nothing was changed. Check that the database named by <code className="font-mono">DATABASE_URL</code>{" "}
        is running and reachable, and that its migrations were applied (
        <code className="font-mono">npm run db:migrate</code>), then reload this page.
      </p>
    </main>
  );
}

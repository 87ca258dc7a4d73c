// Server actions as the production build serves them (`.next/server/server-reference-manifest.json`),
// for the e2e suite and the benchmarks that call actions over HTTP the way a browser does.
import { readFileSync } from "node:fs";
import path from "node:path";

type Manifest = { node: Record<string, { exportedName: string; workers: Record<string, unknown> }> };

export type ServedAction = { id: string; exportedName: string; workers: string[] };

/** Every server action in the build, with the pages (workers) that import it. */
export function servedActions(root = process.cwd()): ServedAction[] {
  const manifest = JSON.parse(
    readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8"),
  ) as Manifest;
  return Object.entries(manifest.node).map(([id, e]) => ({
    id,
    exportedName: e.exportedName,
    workers: Object.keys(e.workers),
  }));
}

/** A worker such as `app/(console)/requests/[id]/page` as a URL path: `/requests/x`. */
export function pagePath(worker: string): string {
  return (
    worker
      .replace(/^app/, "")
      .replace(/\/\([^)]+\)/g, "")
      .replace(/\/page$/, "")
      .replace(/\[[^\]]+\]/g, "x") || "/"
  );
}

/** The action's id and a page that serves it (any page that imports it can); `pageHint` narrows the choice. */
export function findAction(exportedName: string, pageHint?: string): { id: string; page: string } {
  const action = servedActions().find((a) => a.exportedName === exportedName);
  if (!action) throw new Error(`no served action exports ${exportedName}`);
  const workers = action.workers.filter((w) => !pageHint || w.includes(pageHint));
  // Prefer a page without dynamic segments.
  const worker = workers.find((w) => !w.includes("[")) ?? workers[0] ?? action.workers[0];
  return { id: action.id, page: pagePath(worker) };
}

/** The action's return value from a flight response (one JSON row: `1:{"ok":…}`), or null. */
export function actionResult<T>(flight: string): T | null {
  const row = /^[0-9a-f]+:(\{"ok":.*)$/m.exec(flight)?.[1];
  return row ? (JSON.parse(row) as T) : null;
}

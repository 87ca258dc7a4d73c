// Calls a server action over HTTP the way the browser does (POST to its page with the
// `Next-Action` header), so tests can forge, replay or oversize calls a form would never send.
import type { APIRequestContext } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { APP_URL } from "../fixtures/users";

type Manifest = { node: Record<string, { exportedName: string; workers: Record<string, unknown> }> };

/** The action id and the page that serves it, from the production build's manifest. */
export function findAction(exportedName: string, pageHint?: string): { id: string; page: string } {
  const file = path.join(process.cwd(), ".next/server/server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as Manifest;
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.exportedName !== exportedName) continue;
    const workers = Object.keys(entry.workers).filter((w) => !pageHint || w.includes(pageHint));
    // Prefer a page without dynamic segments; any page that imports the action can serve it.
    const worker = workers.find((w) => !w.includes("[")) ?? workers[0] ?? Object.keys(entry.workers)[0];
    const page = worker.replace(/^app/, "").replace(/\/\([^)]+\)/g, "").replace(/\/page$/, "").replace(/\[[^\]]+\]/g, "x") || "/";
    return { id, page };
  }
  throw new Error(`no served action exports ${exportedName}`);
}

export type ActionResult<T = unknown> = { ok: true; data: T } | { ok: false; error: string; code?: string; fieldErrors?: Record<string, string[]> };

/** Posts `args` to the action; `result` is the action's return value, or null when Next refused the call. */
export async function postAction<T = unknown>(
  request: APIRequestContext,
  exportedName: string,
  args: unknown[] | string,
  opts: { origin?: string | null; pageHint?: string } = {},
): Promise<{ status: number; text: string; result: ActionResult<T> | null }> {
  const { id, page } = findAction(exportedName, opts.pageHint);
  const headers: Record<string, string> = { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" };
  const origin = opts.origin === undefined ? APP_URL : opts.origin;
  if (origin !== null) headers.Origin = origin;
  const res = await request.post(`${APP_URL}${page}`, { headers, data: typeof args === "string" ? args : JSON.stringify(args), failOnStatusCode: false });
  const text = await res.text();
  // The flight response carries the action's return value as one JSON row: `1:{"ok":…}`.
  const row = /^[0-9a-f]+:(\{"ok":.*)$/m.exec(text)?.[1];
  return { status: res.status(), text, result: row ? (JSON.parse(row) as ActionResult<T>) : null };
}

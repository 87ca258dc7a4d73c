// Calls a server action over HTTP the way the browser does (POST to its page with the
// `Next-Action` header), so tests can forge, replay or oversize calls a form would never send.
import type { APIRequestContext } from "@playwright/test";
import { actionResult, findAction } from "./action-manifest";
import { APP_URL } from "../fixtures/users";

export type ActionResult<T = unknown> =
  { ok: true; data: T } | { ok: false; error: string; code?: string; fieldErrors?: Record<string, string[]> };

/** Posts `args` to the action; `result` is the action's return value, or null when Next refused the call. */
export async function postAction<T = unknown>(
  request: APIRequestContext,
  exportedName: string,
  args: unknown[] | string,
  opts: { origin?: string | null; pageHint?: string } = {},
): Promise<{ status: number; text: string; result: ActionResult<T> | null }> {
  const { id, page } = findAction(exportedName, opts.pageHint);
  const headers: Record<string, string> = {
    "Next-Action": id,
    "Content-Type": "text/plain;charset=UTF-8",
    Accept: "text/x-component",
  };
  const origin = opts.origin === undefined ? APP_URL : opts.origin;
  if (origin !== null) headers.Origin = origin;
  const res = await request.post(`${APP_URL}${page}`, {
    headers,
    data: typeof args === "string" ? args : JSON.stringify(args),
    failOnStatusCode: false,
  });
  const text = await res.text();
  return { status: res.status(), text, result: actionResult<ActionResult<T>>(text) };
}

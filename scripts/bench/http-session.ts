// Plain-fetch clients of the running app for benchmarks: sign in as next-auth's credentials
// form does, and call a server action by its id from the build's manifest (as the browser does).
import { readFileSync } from "node:fs";
import path from "node:path";

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]);
}

/** Signs in over HTTP; returns the Cookie header value that carries the session. */
export async function signInCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = cookiesOf(res).find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in failed for ${email}: ${res.status}`);
  return session;
}

/** Calls a server action (by exported name) with one argument; returns the action's result row. */
export async function callAction<T>(baseUrl: string, cookie: string, exportedName: string, arg: unknown): Promise<{ ok: boolean; data?: T; error?: string }> {
  const manifest = JSON.parse(readFileSync(path.join(process.cwd(), ".next/server/server-reference-manifest.json"), "utf8")) as { node: Record<string, { exportedName: string; workers: Record<string, unknown> }> };
  const [id, entry] = Object.entries(manifest.node).find(([, e]) => e.exportedName === exportedName) ?? [];
  if (!id || !entry) throw new Error(`no served action exports ${exportedName}`);
  const page = Object.keys(entry.workers)[0].replace(/^app/, "").replace(/\/\([^)]+\)/g, "").replace(/\/page$/, "").replace(/\[[^\]]+\]/g, "x") || "/";
  const res = await fetch(`${baseUrl}${page}`, {
    method: "POST",
    headers: { "Next-Action": id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: baseUrl, cookie },
    body: JSON.stringify([arg]),
  });
  const row = /^[0-9a-f]+:(\{"ok":.*)$/m.exec(await res.text())?.[1];
  if (!row) throw new Error(`${exportedName}: no result (${res.status})`);
  return JSON.parse(row) as { ok: boolean; data?: T; error?: string };
}

// Plain-fetch clients of the running app for benchmarks: sign in as next-auth's credentials
// form does, and call a server action by its id from the build's manifest (as the browser does).
import { actionResult, findAction } from "../../e2e/support/action-manifest";

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
export async function callAction<T>(
  baseUrl: string,
  cookie: string,
  exportedName: string,
  arg: unknown,
): Promise<{ ok: boolean; data?: T; error?: string }> {
  const { id, page } = findAction(exportedName);
  const res = await fetch(`${baseUrl}${page}`, {
    method: "POST",
    headers: {
      "Next-Action": id,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: baseUrl,
      cookie,
    },
    body: JSON.stringify([arg]),
  });
  const result = actionResult<{ ok: boolean; data?: T; error?: string }>(await res.text());
  if (!result) throw new Error(`${exportedName}: no result (${res.status})`);
  return result;
}

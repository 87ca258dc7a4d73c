import { env } from "@/lib/env";

const DEFAULT_AFTER_SIGN_IN = "/people";

/**
 * Where the browser may be sent after sign-in or sign-out: the one check for every redirect
 * target taken from a request (the sign-in page's callbackUrl, next-auth's redirect callback).
 *
 * The target is resolved the way the browser will resolve it — the WHATWG URL parser, against
 * NEXTAUTH_URL — and only then compared: same origin, or the fallback. A check on the raw
 * string misses what the parser does afterwards (`/.//evil.example` and `/%2e//evil.example`
 * lose their dot segment, `\` becomes `/`, tabs and newlines vanish), each of which turns a
 * path into `//evil.example`, another site. Only path, query and fragment are kept, with the
 * leading slashes collapsed to one, so what comes out is a plain absolute path on this site
 * whichever way it is used next.
 */
export function safeRedirectPath(
  target: unknown,
  base: string = env().NEXTAUTH_URL,
  fallback = DEFAULT_AFTER_SIGN_IN,
): string {
  if (typeof target !== "string" || target.length === 0 || target.length > 2048) return fallback;
  let url: URL;
  try {
    url = new URL(target, base);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(base).origin || url.username || url.password) return fallback;
  return `${url.pathname.replace(/^\/+/, "/")}${url.search}${url.hash}`;
}

/** The same target as an absolute URL on NEXTAUTH_URL's origin (next-auth wants one). */
export function safeRedirectUrl(target: unknown, base: string = env().NEXTAUTH_URL): string {
  return new URL(safeRedirectPath(target, base), new URL(base).origin).toString();
}

// Next.js 16 proxy (formerly middleware): runs before every page, action and route handler and
// sets the security headers, including a fresh CSP nonce per request. Next reads the nonce from
// the request's Content-Security-Policy header and puts it on its own scripts.
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { mustNotBeStored, newNonce, securityHeaders } from "@/lib/security/headers";

// Next's own limit for server-action bodies; nothing Gatehouse accepts comes near it.
const MAX_BODY_BYTES = 1024 * 1024;

export function proxy(request: NextRequest) {
  // A clear 413 before anything reads the body (Next's own limit answers with a bare 500).
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    return NextResponse.json({ ok: false, code: "PAYLOAD_TOO_LARGE", error: "The request is too large." }, { status: 413, headers: { "Cache-Control": "no-store" } });
  }
  const config = env();
  const nonce = newNonce();
  const headers = securityHeaders({
    nonce,
    formOrigins: config.OIDC_ISSUER ? [new URL(config.OIDC_ISSUER).origin] : [],
    hsts: config.NODE_ENV === "production" && config.NEXTAUTH_URL.startsWith("https:"),
  });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  if (mustNotBeStored(request.nextUrl.pathname)) response.headers.set("Cache-Control", "no-store");
  return response;
}

export const config = {
  // Static chunks and images carry no secrets and are immutable; everything else gets the headers.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};

// Next.js 16 proxy (formerly middleware): runs before every page, action and route handler and
// sets the security headers, including a fresh CSP nonce per request. Next reads the nonce from
// the request's Content-Security-Policy header and puts it on its own scripts.
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { mustNotBeStored, newNonce, securityHeaders } from "@/lib/security/headers";

// The limit for every request body (server actions and route handlers alike); nothing
// Gatehouse accepts comes near it. next.config.js sets the same for Next's server actions.
const MAX_BODY_BYTES = 1024 * 1024;

const tooLarge = () =>
  NextResponse.json(
    { ok: false, code: "PAYLOAD_TOO_LARGE", error: "The request is too large." },
    { status: 413, headers: { "Cache-Control": "no-store", Connection: "close" } },
  );

/**
 * Whether a streamed body stays within `limit` bytes, counting what actually arrives. Next hands
 * the proxy a copy of the body (buffered up to proxyClientMaxBodySize in next.config.js, set
 * above this limit), so reading it here leaves the original for the handler.
 */
async function streamWithin(body: ReadableStream<Uint8Array>, limit: number): Promise<boolean> {
  const reader = body.getReader();
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return true;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return false;
    }
  }
}

export async function proxy(request: NextRequest) {
  // A clear 413 before anything parses the body (Next's own limit answers with a bare 500).
  // Content-Length is exact when present (Node's parser holds the body to it); a body without
  // one (Transfer-Encoding: chunked) is counted as it streams in.
  const declared = request.headers.get("content-length");
  if (
    declared !== null
      ? Number(declared) > MAX_BODY_BYTES
      : request.body !== null && !(await streamWithin(request.body, MAX_BODY_BYTES))
  )
    return tooLarge();
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

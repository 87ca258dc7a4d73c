// Security headers for every response the proxy sees. Scripts are allowed only by a per-request
// nonce ('strict-dynamic' lets the nonced Next.js runtime load its own chunks), so an injected
// <script> or inline handler cannot run even if markup escaping ever failed. Styles keep
// 'unsafe-inline': Radix, sonner and CodeMirror set style attributes and <style> elements at run
// time, and injected CSS cannot execute code.

export type SecurityOptions = {
  nonce: string;
  /** Origins a form may post to or redirect through (the OIDC issuer for SSO sign-in). */
  formOrigins: string[];
  /** Only over https in production: HSTS on plain http would be ignored or lock out a demo. */
  hsts: boolean;
};

function contentSecurityPolicy({
  nonce,
  formOrigins,
}: Pick<SecurityOptions, "nonce" | "formOrigins">): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    ["form-action 'self'", ...formOrigins].join(" "),
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(opts: SecurityOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(opts),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (opts.hsts) headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
  return headers;
}

/** Pages that reveal one-time secrets, and every API response, must never be stored by a cache. */
export function mustNotBeStored(pathname: string): boolean {
  return pathname === "/requests" || pathname.startsWith("/requests/") || pathname.startsWith("/api/");
}

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64");
}

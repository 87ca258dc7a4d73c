// Redirect targets that once passed a string check and then, normalised by the browser's URL
// parser, pointed at another site. Shared by lib/auth/redirect.test.ts (the check) and
// e2e/redirect.spec.ts (Chromium following them).
export function hostileRedirectTargets(appUrl: string): string[] {
  return [
    "/.//evil.example/x",
    "/%2e//evil.example/x",
    "/%2E%2E//evil.example/x",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "//evil.example",
    "///evil.example",
    "/%5cevil.example",
    "/%5c%5cevil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "https://evil.example/x",
    `${appUrl}@evil.example/`,
    "http:evil.example",
    "javascript:alert(document.domain)",
    "data:text/html,<script>alert(1)</script>",
  ];
}

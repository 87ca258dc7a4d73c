import { describe, expect, it } from "vitest";
import { hostileRedirectTargets } from "./hostile-redirects";
import { safeRedirectPath, safeRedirectUrl } from "./redirect";

// The browser's own parser decides where a redirect goes; these are the targets that used to
// pass a string check and then become another site. e2e/redirect.spec.ts follows them in Chromium.
const BASE = "http://127.0.0.1:3000";

const FOREIGN_TARGETS = hostileRedirectTargets(BASE);

describe("safeRedirectPath", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(safeRedirectPath("/requests/abc?tab=steps#s2", BASE)).toBe("/requests/abc?tab=steps#s2");
    expect(safeRedirectPath(`${BASE}/review?x=1`, BASE)).toBe("/review?x=1");
    expect(safeRedirectPath("/people/../audit", BASE)).toBe("/audit");
  });

  it.each(FOREIGN_TARGETS)("never leaves this origin for %j", (target) => {
    const path = safeRedirectPath(target, BASE);
    expect(path.startsWith("/")).toBe(true);
    expect(path.startsWith("//")).toBe(false);
    // Used relative (the sign-in form) or absolute (next-auth), it stays on BASE.
    expect(new URL(path, BASE).origin).toBe(BASE);
    expect(new URL(safeRedirectUrl(target, BASE)).origin).toBe(BASE);
  });

  it("falls back for what is not a usable target", () => {
    for (const target of [undefined, "", ["/a", "/b"], 42, "http://[bad", "/".repeat(3000)])
      expect(safeRedirectPath(target, BASE)).toBe("/people");
    expect(safeRedirectPath("https://evil.example/x", BASE)).toBe("/people");
    expect(safeRedirectPath("http://127.0.0.1:3001/people", BASE)).toBe("/people");
    expect(safeRedirectPath("http://user:pw@127.0.0.1:3000/people", BASE)).toBe("/people");
  });
});

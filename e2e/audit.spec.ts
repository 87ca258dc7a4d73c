import { expect, test } from "@playwright/test";
import { USERS } from "./fixtures/users";
import { signIn } from "./support/session";

// The Audit page's Verify chain against the production build: entries signed with the stack's
// AUDIT_KEY, compared with the anchor file (.data/e2e/audit-anchor.log). Tampering itself is
// tested on both databases in lib/audit/anchor.db.test.ts.
test("Verify chain reports an intact log that matches its anchor", async ({ page }) => {
  await signIn(page, USERS.auditor.email);
  await page.goto("/audit");
  await page.getByRole("button", { name: "Verify chain" }).click();
  const status = page.getByTestId("chain-status");
  await expect(status).toContainText(
    /Chain OK — \d+ entries, none changed or missing; matches the anchor up to entry #\d+\./,
  );
});

// Credential hygiene: the keys beyond the account's key policy, listed from the review's snapshot
// with the proposed fix, and "Request selected" creating one request per key for approval.
import { CreateAccessKeyCommand } from "@aws-sdk/client-iam";
import { expect, test, type Page } from "@playwright/test";
import { USERS } from "./fixtures/users";
import { dbTask } from "./support/app-db";
import { createOwnUser, iam } from "./support/iam";
import { signIn } from "./support/session";

// A full credential scan lists every user's keys, so the snapshot knows their ids (the planted
// copy below moves their creation time, which a request by creation time would then not find).
async function fullScan(page: Page) {
  await page.goto("/review");
  const done = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/review"));
  await page.getByRole("button", { name: "Full credential scan" }).click();
  await done;
  await expect(page.getByRole("button", { name: "Sync now" })).toBeEnabled({ timeout: 30_000 });
}

let userName: string;
test.beforeAll(async () => {
  userName = await createOwnUser("hygiene");
  for (let i = 0; i < 2; i++) await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
});
test.afterAll(() => dbTask("unplant-aged-keys"));

test("keys beyond the key policy are listed with their fix and requested in bulk", async ({ page }) => {
  await signIn(page, USERS.admin.email);
  await fullScan(page);
  // Today the two new keys are within the policy; 200 days on (planted), never used, they are not.
  await page.goto("/review/credentials");
  await expect(page.getByTestId("key-policy")).toBeVisible();
  const rows = page.locator(`[data-testid="key-proposal"][data-user="${userName}"]`);
  await expect(rows).toHaveCount(0);
  dbTask("age-keys", userName, "200");

  await page.goto("/review");
  await expect(page.getByTestId("credentials-link")).toContainText(/\d+ keys?/);
  await page.getByTestId("credentials-link").click();
  await expect(page).toHaveURL(/\/review\/credentials$/);
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toHaveAttribute("data-kind", "remove");
  await expect(rows.first()).toContainText("never used in 200 days (limit 45)");
  await expect(rows.first()).toContainText("Delete the key");

  const request = page.getByRole("button", { name: /^Request selected/ });
  await expect(request).toBeDisabled();
  for (const box of await rows.getByRole("checkbox").all()) await box.check();
  await expect(request).toHaveText("Request selected (2)");
  await request.click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Nothing changes until it is approved and executed");
  await dialog.getByRole("button", { name: "Request 2" }).click();
  await expect(dialog.getByRole("status")).toHaveText(/2 of 2 requested/, { timeout: 15_000 });
  await expect(dialog.locator('[data-status="created"]')).toHaveCount(2);
  await expect(dialog.getByRole("link", { name: /request #\d+/ })).toHaveCount(2);
});

// Service use in the review (IAM Access Advisor, from the example company's seeded history):
// per person and service when it was last used, the "granted, unused for 90 days" filter, the
// per-job-role summary, and revoking unused access as a change request.
import { expect, test, type Page } from "@playwright/test";
import { USERS } from "./fixtures/users";
import { signIn } from "./support/session";
import { dbTask } from "./support/app-db";

async function syncNow(page: Page) {
  await page.goto("/review");
  const done = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/review"));
  await page.getByRole("button", { name: "Sync now" }).click();
  await done;
  await expect(page.getByRole("button", { name: "Sync now" })).toBeEnabled({ timeout: 30_000 });
}

test.beforeAll(() => {
  // The example company's job roles (other specs may have made them already).
  dbTask("job-roles");
});

const row = (page: Page, user: string, service: string) =>
  page.locator(`[data-testid="usage-row"][data-user="${user}"][data-service="${service}"]`);

test("last use per person and service, the 90-day filter, the job-role summary and a revoke request", async ({
  page,
}) => {
  await signIn(page, USERS.admin.email);
  await syncNow(page);
  await page.getByRole("link", { name: "Service use" }).click();
  await expect(page).toHaveURL(/\/review\/usage$/);

  // The data's age is always shown: dates are as of the read, not "now".
  await expect(page.getByTestId("usage-age")).toContainText("Access Advisor was read today");
  await expect(row(page, "sally", "ec2")).toContainText("yesterday");
  await expect(row(page, "john", "elasticbeanstalk")).toContainText("Never");
  await expect(row(page, "maria", "elasticbeanstalk")).toContainText(/1[23]\d days ago/);

  await expect(page.getByTestId("role-summary")).toContainText(
    /\d+ of \d+ in Web developer never used AWS Elastic Beanstalk/,
  );

  // The person page says the same, with the data's date.
  await page.getByRole("link", { name: "john", exact: true }).first().click();
  await expect(
    page.locator(
      '[data-testid="person-service"][data-service="elasticbeanstalk"] [data-testid="person-last-used"]',
    ),
  ).toContainText("Never used (Access Advisor as of");
  await page.goBack();

  // The filter, by keyboard: only what is granted and unused for 90 days remains.
  await page.getByLabel("Granted, unused for 90 days").focus();
  await page.keyboard.press("Space");
  await page.getByRole("button", { name: "Apply" }).press("Enter");
  await expect(page).toHaveURL(/unused=1/);
  await expect(row(page, "john", "elasticbeanstalk")).toBeVisible();
  await expect(row(page, "sally", "ec2")).toHaveCount(0);

  // Revoking says what it will really do before the request exists, then opens the request.
  await row(page, "john", "elasticbeanstalk")
    .getByRole("button", { name: /Request removing john from WebDevelopers/ })
    .click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("removing john from the group WebDevelopers");
  await expect(dialog).toContainText("not only AWS Elastic Beanstalk");
  await dialog.getByRole("button", { name: "Create request" }).click();
  await expect(page).toHaveURL(/\/requests\/[^/]+$/, { timeout: 15_000 });
  await expect(page.getByText(/john/).first()).toBeVisible();
  await expect(page.getByText(/WebDevelopers/).first()).toBeVisible();
});

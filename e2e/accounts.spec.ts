import { expect, test } from "@playwright/test";
import { USERS } from "./fixtures/users";
import { signInTo } from "./support/session";

// The Accounts page against the sandbox's single account (example-company): the app's own
// account is listed as home; adding a role is checked against STS before anything is stored, and
// a refusal is shown in words in the dialog. (Adding a member account that connects, and removing
// it, need a second account: the example-org seed.)

const APP = "arn:aws:iam::123456789012:user/gatehouse-app";

test("the admin sees the app's own account, and an add that cannot assume its role is refused in words", async ({
  page,
}) => {
  await signInTo(page, USERS.admin.email, "/accounts");
  await expect(page.getByRole("heading", { name: "AWS accounts", level: 1 })).toBeVisible();
  const home = page.locator('[data-testid="account-row"][data-account="123456789012"]');
  await expect(home).toContainText("Gatehouse's own");
  await expect(home).toContainText("Connected");
  await expect(home).toContainText(APP);
  await expect(home.getByRole("button", { name: /^Remove/ })).toHaveCount(0);

  await home.getByRole("button", { name: "Check connection of Gatehouse's own account" }).click();
  await expect(page.getByText("Gatehouse's own account: connected")).toBeVisible();

  // The dialog by keyboard: focus the button, Enter opens it, the ARN field has the focus.
  await page.getByRole("button", { name: "Add account" }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Add an AWS account" });
  await expect(dialog.getByLabel("Role ARN")).toBeFocused();
  await page.keyboard.type("arn:aws:iam::12345:role/GatehouseMember");
  await page.keyboard.press("Tab");
  await page.keyboard.type("x");
  await page.keyboard.press("Enter");
  await expect(
    dialog.getByText("A role ARN looks like arn:aws:iam::123456789012:role/GatehouseMember"),
  ).toBeVisible();
  await expect(dialog.getByText("At least 2 characters (or leave it empty)")).toBeVisible();

  // A role in an account that does not trust Gatehouse: STS says AccessDenied, the dialog says what to check.
  const roleArn = "arn:aws:iam::210987654321:role/GatehouseMember";
  await dialog.getByLabel("Role ARN").fill(roleArn);
  await dialog.getByLabel("ExternalId").fill("wrong-external-id");
  await dialog.getByRole("button", { name: "Check and add" }).click();
  await expect(dialog.getByTestId("add-account-error")).toHaveText(
    `Gatehouse may not assume ${roleArn}: check the role's trust policy names ${APP} and the ExternalId (AWS gives the same answer for a wrong ExternalId and for a role that does not exist).`,
  );
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('[data-testid="account-row"][data-account="210987654321"]')).toHaveCount(0);

  // Adding the app's own account by a role in it: already managed.
  await page.getByRole("button", { name: "Add account" }).click();
  await dialog.getByLabel("Role ARN").fill("arn:aws:iam::123456789012:role/GatehouseMember");
  await dialog.getByRole("button", { name: "Check and add" }).click();
  await expect(dialog.getByText(/Account 123456789012 is Gatehouse's own account/).first()).toBeVisible();
});

test("an auditor reads the accounts but has no buttons that change them", async ({ page }) => {
  await signInTo(page, USERS.auditor.email, "/accounts");
  await expect(page.locator('[data-testid="account-row"][data-account="123456789012"]')).toBeVisible();
  await expect(page.getByRole("button", { name: "Add account" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Check connection/ })).toHaveCount(0);
});

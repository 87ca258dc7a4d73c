import { expect, test } from "@playwright/test";
import { USERS } from "./fixtures/users";
import { signInTo } from "./support/session";

// Both expiry limits on Settings → Approvals are saved and shown again after a reload. (The limit
// for executing an approved request was once shown but never sent.)

const NOT_APPROVED = "A request expires if not approved within (days)";
const NOT_EXECUTED = "An approved request expires if not executed within (days after approval)";

test("an admin changes both expiry limits and they are kept", async ({ page }) => {
  await signInTo(page, USERS.admin.email, "/settings/approvals");
  const setBoth = async (notApproved: string, notExecuted: string) => {
    await page.getByLabel(NOT_APPROVED).fill(notApproved);
    await page.getByLabel(NOT_EXECUTED).fill(notExecuted);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByText("Approval rules saved")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel(NOT_APPROVED)).toHaveValue(notApproved);
    await expect(page.getByLabel(NOT_EXECUTED)).toHaveValue(notExecuted);
  };
  await setBoth("5", "3");
  await setBoth("7", "7"); // the defaults again, for the specs that follow
});

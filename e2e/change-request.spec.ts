import { expect, test } from "@playwright/test";
import { GetGroupCommand, IAMClient } from "@aws-sdk/client-iam";
import { SANDBOX_URL, USERS } from "./fixtures/users";
import { signIn } from "./support/session";

const iam = new IAMClient({ endpoint: SANDBOX_URL, region: "us-east-1", credentials: { accessKeyId: "AKIAE2ETESTS00000001", secretAccessKey: "x" } });

test("an operator requests a group change, an admin approves and executes it, and the audit shows both", async ({ page, browser }) => {
  // The operator proposes: add jane (mobile) to WebDevelopers.
  await signIn(page, USERS.operator.email);
  await page.goto("/groups");
  const row = page.locator('[data-testid="group-row"][data-group="WebDevelopers"]');
  await row.getByLabel("User to add to WebDevelopers").selectOption("jane");
  await row.getByRole("button", { name: "Request adding the user to WebDevelopers" }).click();
  await expect(page).toHaveURL(/\/requests\/[^/]+$/);
  await expect(page.getByText("Awaiting approval")).toBeVisible();
  await expect(page.getByTestId("plan-step")).toHaveCount(1);
  await expect(page.getByTestId("plan-step").first()).toContainText("jane");
  // The operator can neither approve nor execute.
  await expect(page.getByRole("button", { name: /Approve/ })).toHaveCount(0);
  const requestUrl = page.url();

  // Nothing changed in IAM yet.
  const before = await iam.send(new GetGroupCommand({ GroupName: "WebDevelopers" }));
  expect(before.Users?.map((u) => u.UserName)).not.toContain("jane");

  // An admin approves and executes.
  const adminPage = await browser.newPage();
  await signIn(adminPage, USERS.admin.email);
  await adminPage.goto("/requests?tab=awaiting");
  await adminPage.getByRole("link", { name: /jane/ }).first().click();
  await expect(adminPage).toHaveURL(requestUrl);
  await adminPage.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(adminPage.getByTestId("approvals")).toContainText(USERS.admin.email);
  await adminPage.getByRole("button", { name: "Execute" }).click();
  await expect(adminPage.getByText("Done", { exact: true }).first()).toBeVisible();
  await expect(adminPage.getByTestId("plan-step").first()).toHaveAttribute("data-status", "done");
  await expect(adminPage.getByTestId("plan-step").first()).toContainText("IAM request");

  const after = await iam.send(new GetGroupCommand({ GroupName: "WebDevelopers" }));
  expect(after.Users?.map((u) => u.UserName)).toContain("jane");

  // The audit log names the requester and the approver for this request.
  await adminPage.goto("/audit?action=request.");
  await expect(adminPage.locator("tr", { hasText: "request.created" }).first()).toContainText(USERS.operator.email);
  await expect(adminPage.locator("tr", { hasText: "request.approved" }).first()).toContainText(USERS.admin.email);
  await adminPage.close();
});

test("a requester cannot approve their own request", async ({ page }) => {
  await signIn(page, USERS.admin.email);
  await page.goto("/groups");
  const row = page.locator('[data-testid="group-row"][data-group="Accountants"]');
  await row.getByLabel("User to add to Accountants").selectOption("john");
  await row.getByRole("button", { name: "Request adding the user to Accountants" }).click();
  await expect(page.getByText("Awaiting approval")).toBeVisible();
  await expect(page.getByRole("button", { name: /Approve/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Execute" })).toHaveCount(0);
});

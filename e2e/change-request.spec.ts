import { expect, test } from "@playwright/test";
import { AddUserToGroupCommand, GetGroupCommand } from "@aws-sdk/client-iam";
import { USERS } from "./fixtures/users";
import { createOwnUser, iam } from "./support/iam";
import { apiSession, signIn, signInTo } from "./support/session";
import { postAction } from "./support/action-call";

test("an operator requests a group change, an admin approves and executes it, and the audit shows both", async ({
  page,
  browser,
}) => {
  // The operator proposes: add jane (mobile) to WebDevelopers.
  await signInTo(page, USERS.operator.email, "/groups");
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
  await signInTo(adminPage, USERS.admin.email, "/requests?tab=awaiting");
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
  await expect(adminPage.locator("tr", { hasText: " requested #" }).first()).toContainText(
    USERS.operator.email,
  );
  await expect(adminPage.locator("tr", { hasText: " approved #" }).first()).toContainText(USERS.admin.email);
  await adminPage.close();
});

test("a requester cannot approve their own request", async ({ page }) => {
  await signInTo(page, USERS.admin.email, "/groups");
  const row = page.locator('[data-testid="group-row"][data-group="Accountants"]');
  await row.getByLabel("User to add to Accountants").selectOption("john");
  await row.getByRole("button", { name: "Request adding the user to Accountants" }).click();
  await expect(page.getByText("Awaiting approval")).toBeVisible();
  await expect(page.getByRole("button", { name: /Approve/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Execute" })).toHaveCount(0);
  // The page says why, and where a lone admin can allow self-approval.
  const why = page.getByTestId("needs-another-admin");
  await expect(why).toContainText("a request needs an admin other than its requester");
  await expect(why.getByRole("link", { name: "Settings → Approval rules" })).toHaveAttribute(
    "href",
    "/settings/approvals",
  );
});

test("a plan that IAM overtook is re-planned before approval, and the old approval stops counting", async ({
  page,
  browser,
  playwright,
}) => {
  // A user of this test's own, so no other journey depends on its groups.
  const userName = await createOwnUser("replan");
  const admin = await apiSession(playwright, USERS.admin.email);

  await signIn(page, USERS.operator.email);
  const created = await postAction<{ id: string }>(admin, "createRequestAction", [
    { kind: "group.add-member", input: { userName, groupName: "Accountants" } },
  ]);
  expect(created.result?.ok, JSON.stringify(created.result)).toBe(true);
  const id = (created.result as { data: { id: string } }).data.id;

  // Another admin approves the plan as it was; then someone adds the user outside Gatehouse.
  const second = await browser.newPage();
  await signInTo(second, USERS.admin2.email, `/requests/${id}`);
  await second.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(second.getByTestId("approvals")).toContainText(USERS.admin2.email);
  await second.close();
  await iam.send(new AddUserToGroupCommand({ GroupName: "Accountants", UserName: userName }));

  // The operator refreshes the plan: it is empty now, and the approval was for the old one.
  await page.goto(`/requests/${id}`);
  await expect(page.getByTestId("plan-step")).toHaveCount(1);
  await page.getByRole("button", { name: "Re-plan from IAM" }).click();
  await expect(page.getByText("earlier approvals no longer count")).toBeVisible();
  await expect(page.getByText("Nothing to do: IAM already matches what was asked.")).toBeVisible();
  await expect(page.getByTestId("approvals")).toContainText("no longer counts");
  await expect(page.getByText("Awaiting approval")).toBeVisible();

  // Re-planning again finds nothing new.
  await page.getByRole("button", { name: "Re-plan from IAM" }).click();
  await expect(page.getByText("The plan still matches IAM: nothing changed.")).toBeVisible();
  await admin.dispose();
});

import { expect, test, type Page } from "@playwright/test";
import { USERS } from "./fixtures/users";
import { dbTask } from "./support/app-db";
import { signInTo } from "./support/session";

/** Adds `email` through the Team page's form, with the given role and way of signing in. */
async function addMember(page: Page, email: string, role: string, signsInWith: "password" | "sso") {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByLabel("Signs in with").selectOption(signsInWith);
  await page.getByRole("button", { name: "Add member" }).click();
}

/** The admin signs in and adds a new member (`<prefix>-<time>@test.local`) on the Team page. */
async function adminAddsMember(page: Page, prefix: string, role: string, signsInWith: "password" | "sso") {
  await signInTo(page, USERS.admin.email, "/settings/team");
  const email = `${prefix}-${Date.now()}@test.local`;
  await addMember(page, email, role, signsInWith);
  return email;
}

test("an admin adds a member with a one-time password, and that member signs in with it once, choosing their own", async ({
  page,
  browser,
}) => {
  const email = await adminAddsMember(page, "new", "operator", "password");
  const secret = page.getByTestId("one-time-secret");
  await expect(secret).toBeVisible();
  const password = (await secret.textContent())!.trim();
  expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(secret).toHaveCount(0);
  await expect(page.getByRole("cell", { name: email })).toBeVisible();

  // The password is one-time: the first sign-in goes to choosing one's own (e2e/passwords.spec.ts).
  const other = await browser.newPage();
  await other.goto("/signin");
  await other.getByLabel("Email").fill(email);
  await other.getByLabel("Password").fill(password);
  await other.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(other.getByRole("heading", { name: "Choose your password" })).toBeVisible();
  await other.getByLabel("One-time password").fill(password);
  await other.getByLabel("New password", { exact: true }).fill("amber quarry seventy kettle");
  await other.getByLabel("New password again").fill("amber quarry seventy kettle");
  await other.getByRole("button", { name: "Set my password" }).click();
  await expect(other.getByRole("heading", { name: "People", exact: true, level: 1 })).toBeVisible();
  await expect(other.getByText("operator", { exact: true })).toBeVisible();
  await other.close();
});

test("adding the same email twice is refused with a clear message and changes nothing", async ({ page }) => {
  await signInTo(page, USERS.admin.email, "/settings/team");
  const rows = await page.locator("tbody tr").count();
  await page.getByLabel("Email").fill(USERS.auditor.email.toUpperCase());
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByText("Already on the team", { exact: true })).toBeVisible();
  await page.reload();
  await expect(page.locator("tbody tr")).toHaveCount(rows);
});

test("an auditor sees the team but cannot change it", async ({ page }) => {
  await signInTo(page, USERS.auditor.email, "/settings/team");
  await expect(page.getByRole("cell", { name: USERS.admin.email, exact: false }).first()).toBeVisible();
  await expect(page.getByText(USERS.admin.email, { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add member" })).toHaveCount(0);
  await expect(page.getByRole("combobox")).toHaveCount(0);
});

// Issue 12 #3: with two active admins, making someone an admin waits for the other admin.
test("promoting a member to admin waits for a second admin, who approves it on the Team page", async ({
  page,
  browser,
}) => {
  const email = await adminAddsMember(page, "promote", "operator", "sso");
  const row = page.locator("tbody tr", { hasText: email });
  await expect(row).toBeVisible();
  await row.getByLabel(`Role of ${email}`).selectOption("admin");
  await expect(row.getByTestId("pending-promotion")).toContainText(`asked by ${USERS.admin.email}`);
  await expect(row.getByLabel(`Role of ${email}`)).toHaveValue("operator");
  // The admin who asked cannot approve it.
  await expect(row.getByRole("button", { name: "Approve admin role" })).toHaveCount(0);
  await page.reload();
  await expect(page.locator("tbody tr", { hasText: email }).getByTestId("pending-promotion")).toBeVisible();

  const second = await browser.newPage();
  await signInTo(second, USERS.admin2.email, "/settings/team");
  const theirRow = second.locator("tbody tr", { hasText: email });
  await theirRow.getByRole("button", { name: "Approve admin role" }).click();
  await second
    .getByRole("dialog", { name: `Make ${email} an admin?` })
    .getByRole("button", { name: "Make an admin" })
    .click();
  await expect(theirRow.getByTestId("pending-promotion")).toHaveCount(0);
  await expect(theirRow.getByLabel(`Role of ${email}`)).toHaveValue("admin");
  await second.close();
});

// Issue 12 #3: turning off another admin is immediate, but for 7 days they still count for the
// two-person rule; the Team page says so, and says why a promotion or re-enabling waits.
test("an admin turned off still counts for a while: the Team page shows why promotions and re-enabling wait", async ({
  page,
}) => {
  const stamp = Date.now();
  const removed = `removed-admin-${stamp}@test.local`;
  const recruit = `recruit-${stamp}@test.local`;
  dbTask("admin-member", removed);
  await signInTo(page, USERS.admin.email, "/settings/team");

  // By the email cell exactly: another row's "why it waits" may name this member too.
  const rowOf = (email: string) =>
    page.locator("tbody tr").filter({ has: page.getByText(email, { exact: true }) });
  const removedRow = rowOf(removed);
  await removedRow.getByRole("button", { name: "Turn access off" }).click();
  const ask = page.getByRole("dialog", { name: `Turn off ${removed}'s access to Gatehouse?` });
  await expect(ask).toContainText(/still count as an admin for the two-person rule/);
  await ask.getByRole("button", { name: "Turn access off" }).click();
  await expect(removedRow.getByText("Access off")).toBeVisible();
  await expect(removedRow.getByText(/Counts as admin until/)).toBeVisible();
  await expect(page.getByTestId("cooling-off")).toContainText(removed);

  // A new admin now waits, and the page names the removed admin as the reason.
  await addMember(page, recruit, "admin", "sso");
  const recruitRow = rowOf(recruit);
  await expect(recruitRow.getByLabel(`Role of ${recruit}`)).toHaveValue("auditor");
  await expect(recruitRow.getByTestId("pending-promotion-why")).toContainText(
    `${removed} was an admin until`,
  );

  // Turning the removed admin back on is a promotion too: access returns as auditor, admin waits.
  await removedRow.getByRole("button", { name: "Turn access on" }).click();
  await expect(removedRow.getByLabel(`Role of ${removed}`)).toHaveValue("auditor");
  await expect(removedRow.getByTestId("pending-promotion-why")).toContainText(
    `${USERS.admin2.email} is an active admin`,
  );
  await page.reload();
  await expect(rowOf(removed).getByTestId("pending-promotion")).toContainText(
    `asked by ${USERS.admin.email}`,
  );
});

import { expect, test, type Page } from "@playwright/test";
import { GetUserCommand } from "@aws-sdk/client-iam";
import { SANDBOX_ROOT_CREDENTIALS } from "@/lib/iam/create-clients";
import { deleteRole, organizationAdmin, restoreRole } from "@/lib/aws-accounts/testing/organization";
import { SANDBOX_URL, USERS } from "./fixtures/users";
import { dbTask } from "./support/app-db";
import { resetSandbox, sandboxAccountIds } from "./support/iam";
import { signIn } from "./support/session";

// The example company as an AWS Organization (the sandbox's example-org): the CTO discovers the
// accounts, sees Sally in the three accounts she works in, and offboards her from all of them at
// once, while one account's Gatehouse role has gone missing; then asks each account directly.

const SALLY = { name: "Sally DevOps", email: "sally.devops@example.com", user: "sally" };
let production: string, staging: string, sandbox: string;
const SANDBOX = { url: SANDBOX_URL, rootCredentials: SANDBOX_ROOT_CREDENTIALS };

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  await resetSandbox("example-org");
  ({ production, staging, sandbox } = await sandboxAccountIds());
  dbTask("person", SALLY.name, SALLY.email, SALLY.user);
});

test.afterAll(async () => {
  dbTask("forget-member-accounts");
  dbTask("forget-people", SALLY.email);
  await resetSandbox("example-company");
});

const sallyRows = (page: Page) => page.locator(`[data-testid="matrix-row"][data-user="${SALLY.user}"]`);

test("the organization's accounts are discovered and the review shows Sally in three of them", async ({
  page,
}) => {
  await signIn(page, USERS.admin.email);
  await page.goto("/accounts");
  await page.getByRole("button", { name: "Discover from Organizations" }).click();
  for (const id of [production, staging, sandbox])
    await expect(page.locator(`[data-testid="account-row"][data-account="${id}"]`)).toBeVisible();
  await expect(page.locator(`[data-testid="account-row"][data-account="${staging}"]`)).toContainText(
    "/Workloads/NonProd",
  );

  await page.goto("/review?account=all");
  await page.getByRole("button", { name: "Sync all accounts" }).click();
  await expect(page.getByTestId("account-sync-outcome")).toHaveCount(4, { timeout: 60_000 });
  await expect(page.getByTestId("account-sync-failed")).toHaveCount(0);
  await page.reload();
  await expect(sallyRows(page)).toHaveCount(3);
  const accounts = await sallyRows(page).evaluateAll((rows) =>
    rows.map((r) => r.getAttribute("data-account")),
  );
  expect(accounts.sort()).toEqual([production, staging, sandbox].sort());
});

test("one request offboards Sally everywhere; staging's missing role fails only staging, and retry finishes it", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // An operator asks; by the time an admin approves, staging's GatehouseMember role is gone.
  const operator = await (await browser.newContext()).newPage();
  await signIn(operator, USERS.operator.email);
  await operator.goto("/people");
  await operator
    .locator(`[data-testid="person-row"][data-person="${SALLY.name}"]`)
    .getByRole("link", { name: SALLY.name })
    .click();
  await operator.getByRole("button", { name: "Request offboarding" }).click();
  const dialog = operator.getByRole("dialog");
  const plan = dialog.getByTestId("offboard-plan").getByRole("listitem");
  for (const account of ["production", "staging", "sandbox"])
    await expect(
      plan.filter({ hasText: `Verify: IAM has no user ${SALLY.user}` }).filter({ hasText: account }),
    ).toHaveCount(1);
  await dialog.getByRole("button", { name: "Submit for approval" }).click();
  await expect(operator).toHaveURL(/\/requests\/[^/?]+$/);
  const requestUrl = new URL(operator.url()).pathname;

  const stagingAdmin = await organizationAdmin(SANDBOX, staging);
  const role = await deleteRole(stagingAdmin, "GatehouseMember");

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, USERS.admin.email);
  await admin.goto(requestUrl);
  await admin.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(admin.getByTestId("approvals")).toContainText("approved");
  await admin.getByRole("button", { name: "Execute" }).click();
  await expect(admin.getByText("Failed", { exact: true }).first()).toBeVisible({ timeout: 60_000 });
  const steps = admin.getByTestId("plan-step");
  const failed = admin.locator('[data-testid="plan-step"][data-status="failed"]');
  await expect(failed.first()).toContainText(
    `staging (${staging}): Gatehouse may not assume arn:aws:iam::${staging}:role/GatehouseMember`,
  );
  // Only staging's steps failed or wait; production's and the sandbox account's are done.
  for (const s of await steps.all()) {
    const status = await s.getAttribute("data-status");
    if ((await s.getAttribute("data-account")) === staging) expect(status).toMatch(/failed|pending/);
    else expect(status).toBe("done");
  }
  await admin.goto("/people?status=all");
  await admin
    .locator(`[data-testid="person-row"][data-person="${SALLY.name}"]`)
    .getByRole("link")
    .first()
    .click();
  await expect(admin.getByTestId("offboarded")).toHaveCount(0);

  // The StackSet puts the role back; retry runs staging's steps only.
  await restoreRole(stagingAdmin, role);
  await admin.goto(requestUrl);
  await admin.getByRole("button", { name: "Retry from the failed step" }).click();
  await expect(admin.getByText("Done", { exact: true }).first()).toBeVisible({ timeout: 60_000 });
  await expect(admin.locator('[data-testid="plan-step"]:not([data-status="done"])')).toHaveCount(0);

  // Each account asked directly, through the organization's own access role: no sally anywhere.
  for (const id of [production, staging, sandbox]) {
    const accountAdmin = id === staging ? stagingAdmin : await organizationAdmin(SANDBOX, id);
    await expect(accountAdmin.iam.send(new GetUserCommand({ UserName: SALLY.user }))).rejects.toMatchObject({
      name: "NoSuchEntityException",
    });
  }
  await admin.goto("/people?status=all");
  await admin
    .locator(`[data-testid="person-row"][data-person="${SALLY.name}"]`)
    .getByRole("link")
    .first()
    .click();
  await expect(admin.getByTestId("offboarded")).toContainText("Offboarded");
});

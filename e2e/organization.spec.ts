import { expect, test, type Page } from "@playwright/test";
import {
  GetLoginProfileCommand,
  ListAttachedGroupPoliciesCommand,
  ListGroupsForUserCommand,
} from "@aws-sdk/client-iam";
import { sandboxAppCredentials } from "@/lib/iam-sandbox/admin-client";
import { SANDBOX_ROOT_CREDENTIALS } from "@/lib/iam/create-clients";
import {
  boto3GetUser,
  deleteRole,
  deleteUser,
  organizationAdmin,
  restoreRole,
} from "@/lib/aws-accounts/testing/organization";
import { SANDBOX_TOKEN, SANDBOX_URL, USERS } from "./fixtures/users";
import { dbTask } from "./support/app-db";
import { resetSandbox, sandboxAccountIds } from "./support/iam";
import { signIn } from "./support/session";

// The example company as an AWS Organization (the sandbox's example-org): the CTO discovers the
// accounts and onboards Sally into production and staging from the wizard (she already works in
// the sandbox account), sees her in the three accounts, and offboards her from all of them in one
// click while one account's Gatehouse role has gone missing; then asks each account with boto3.

const SALLY = { name: "Sally DevOps", email: "sally@example.com", user: "sally" };
let production: string, staging: string, sandbox: string;
const SANDBOX = { url: SANDBOX_URL, rootCredentials: SANDBOX_ROOT_CREDENTIALS };

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  await resetSandbox("example-org");
  ({ production, staging, sandbox } = await sandboxAccountIds());
  // Sally is new to production and staging: the seed's users there are removed first.
  for (const id of [production, staging]) await deleteUser(await organizationAdmin(SANDBOX, id), SALLY.user);
  dbTask("job-roles");
  dbTask("job-role-accounts", "DevOps", `${production},${staging}`);
  dbTask("forget-people", SALLY.email);
});

test.afterAll(async () => {
  dbTask("job-role-accounts", "DevOps", "home");
  dbTask("job-role-accounts", "Accountant", "home");
  dbTask("forget-member-accounts");
  dbTask("forget-people", SALLY.email);
  await resetSandbox("example-company");
});

/** Sally's page, from the People list (offboarded people included). */
async function openSally(page: Page) {
  await page.goto("/people?status=all");
  await page
    .locator(`[data-testid="person-row"][data-person="${SALLY.name}"]`)
    .getByRole("link", { name: SALLY.name })
    .click();
}

const sallyRows = (page: Page) => page.locator(`[data-testid="matrix-row"][data-user="${SALLY.user}"]`);

test("the accounts are discovered, Sally is onboarded into production and staging from the wizard, and the review shows her in three", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signIn(page, USERS.admin.email);
  await page.goto("/accounts");
  await page.getByRole("button", { name: "Discover from Organizations" }).click();
  for (const id of [production, staging, sandbox])
    await expect(page.locator(`[data-testid="account-row"][data-account="${id}"]`)).toBeVisible();
  await expect(page.locator(`[data-testid="account-row"][data-account="${staging}"]`)).toContainText(
    "/Workloads/NonProd",
  );

  // An operator onboards her; the accounts default from the DevOps job role.
  const operator = await (await browser.newContext()).newPage();
  await signIn(operator, USERS.operator.email);
  await operator.goto("/people");
  await operator.getByRole("button", { name: "Add person" }).click();
  const dialog = operator.getByRole("dialog");
  await dialog.getByLabel("Name").fill(SALLY.name);
  await dialog.getByLabel("Email").fill(SALLY.email);
  await dialog.getByLabel("Job role").fill("DevOps");
  await dialog.getByRole("button", { name: "Add person" }).click();
  await operator
    .locator(`[data-testid="person-row"][data-person="${SALLY.name}"]`)
    .getByRole("link", { name: "Onboard" })
    .click();
  await operator.getByRole("button", { name: "Next" }).click();
  await expect(operator.getByLabel("IAM user name")).toHaveValue(SALLY.user);
  const box = (name: string) => operator.getByRole("checkbox", { name: new RegExp(`^${name} `) });
  await expect(box("production")).toBeChecked();
  await expect(box("staging")).toBeChecked();
  await expect(box("sandbox")).not.toBeChecked();
  await operator.getByRole("button", { name: "Review the plan" }).click();
  const steps = operator.getByTestId("preview-steps").getByRole("listitem");
  for (const [name, id] of [
    ["production", production],
    ["staging", staging],
  ])
    await expect(steps.filter({ hasText: `${name} (${id}): Create IAM user ${SALLY.user}` })).toHaveCount(1);
  await expect(steps.filter({ hasText: sandbox })).toHaveCount(0);
  await operator.getByRole("button", { name: "Submit for approval" }).click();
  await expect(operator).toHaveURL(/\/requests\/[^/?]+$/);

  // The admin approves and runs it; a password and a key for each account, shown once.
  await page.goto(new URL(operator.url()).pathname);
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByTestId("approvals")).toContainText("approved");
  await page.getByRole("button", { name: "Execute" }).click();
  await expect(page.getByText("Done", { exact: true }).first()).toBeVisible({ timeout: 60_000 });
  const bundle = page.locator(`[data-testid="credential-bundle"][data-user="${SALLY.user}"]`);
  for (const id of [production, staging]) {
    const set = bundle.locator(`[data-account="${id}"]`);
    await expect(set.getByTestId("temporary-password")).not.toBeEmpty();
    await expect(set.getByTestId("secret-access-key")).toHaveText(/^.{40}$/);
  }
  await bundle.getByRole("button", { name: "Mark handed over" }).click();
  await expect(bundle.getByRole("button", { name: "Handed over ✓" })).toBeVisible();
  for (const id of [production, staging]) {
    const admin = await organizationAdmin(SANDBOX, id);
    const groups = await admin.iam.send(new ListGroupsForUserCommand({ UserName: SALLY.user }));
    expect(groups.Groups?.map((g) => g.GroupName)).toEqual(["DevOps"]);
    await expect(admin.iam.send(new GetLoginProfileCommand({ UserName: SALLY.user }))).resolves.toBeTruthy();
  }

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

test("one click offboards Sally everywhere; staging's missing role is said, fails only staging, and retry finishes it", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  // Her users in the other accounts are suggested by name; an operator confirms the sandbox one.
  const operator = await (await browser.newContext()).newPage();
  await signIn(operator, USERS.operator.email);
  await openSally(operator);
  const cards = operator.getByTestId("account-links");
  for (const id of [production, staging, sandbox])
    await expect(cards.locator(`[data-account="${id}"]`)).toContainText("same user name");
  await operator.getByRole("button", { name: `Link ${SALLY.user} in sandbox` }).click();
  await expect(cards.locator(`[data-account="${sandbox}"]`)).toContainText("Linked");
  await expect(cards.locator(`[data-account="${sandbox}"]`)).toContainText(
    `confirmed by ${USERS.operator.email}`,
  );

  // Meanwhile staging's GatehouseMember role has been deleted: Gatehouse cannot read staging.
  const stagingAdmin = await organizationAdmin(SANDBOX, staging);
  const role = await deleteRole(stagingAdmin, "GatehouseMember");
  const refusal = `staging (${staging}): Gatehouse may not assume arn:aws:iam::${staging}:role/GatehouseMember`;

  await signIn(page, USERS.admin.email);
  await openSally(page);
  await page.getByRole("button", { name: "Offboard", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("alert")).toContainText("Not every account could be read just now");
  await expect(dialog.getByRole("alert")).toContainText(refusal);
  const plan = dialog.getByTestId("offboard-plan").getByRole("listitem");
  for (const account of ["production", "staging", "sandbox"])
    await expect(
      plan.filter({ hasText: `Verify: IAM has no user ${SALLY.user}` }).filter({ hasText: account }),
    ).toHaveCount(1);
  await dialog.getByRole("button", { name: `Offboard ${SALLY.name} now` }).click();
  await expect(page).toHaveURL(/\/requests\/[^/?]+$/);
  const requestUrl = new URL(page.url()).pathname;
  // The request has ended (Retry is offered only then), staging's steps having failed.
  await expect(page.getByRole("button", { name: "Retry from the failed step" })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.locator('[data-testid="plan-step"][data-status="failed"]').first()).toContainText(
    refusal,
  );
  // Only staging's steps failed or wait; production's and the sandbox account's are done.
  for (const s of await page.getByTestId("plan-step").all()) {
    const status = await s.getAttribute("data-status");
    if ((await s.getAttribute("data-account")) === staging) expect(status).toMatch(/failed|pending/);
    else expect(status).toBe("done");
  }
  await openSally(page);
  await expect(page.getByTestId("offboarded")).toHaveCount(0);

  // The StackSet puts the role back; retry reads staging now and removes her there only.
  await restoreRole(stagingAdmin, role);
  await page.goto(requestUrl);
  await page.getByRole("button", { name: "Retry from the failed step" }).click();
  await expect(page.getByText("Done", { exact: true }).first()).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('[data-testid="plan-step"]:not([data-status="done"])')).toHaveCount(0);
  await expect(
    page
      .locator(`[data-testid="plan-step"][data-account="${staging}"]`)
      .filter({ hasText: "Delete access key" }),
  ).toHaveCount(1);

  // boto3, through each account's GatehouseMember role: no sally anywhere.
  const app = await sandboxAppCredentials(SANDBOX_URL, SANDBOX_TOKEN);
  expect(await boto3GetUser(SANDBOX_URL, app, SALLY.user, [production, staging, sandbox])).toEqual({
    [production]: "NoSuchEntity",
    [staging]: "NoSuchEntity",
    [sandbox]: "NoSuchEntity",
  });
  await openSally(page);
  await expect(page.getByTestId("offboarded")).toContainText("Offboarded");
});

test("the Accountant job role is extended to staging from the Job roles (IAM groups) page, as an approved request", async ({
  page,
  browser,
}) => {
  const operator = await (await browser.newContext()).newPage();
  await signIn(operator, USERS.operator.email);
  await operator.goto("/groups");
  await operator.getByRole("button", { name: "Change the accounts of Accountant" }).click();
  const dialog = operator.getByRole("dialog", { name: "Accounts of Accountant" });
  await dialog.getByRole("checkbox", { name: /^staging / }).check();
  await dialog.getByRole("button", { name: "Review the change" }).click();
  const plan = dialog.getByTestId("job-role-accounts-plan").getByRole("listitem");
  await expect(plan.first()).toContainText(`staging (${staging}): Create group Accountants`);
  await expect(plan.filter({ hasText: "production" })).toHaveCount(0);
  await dialog.getByRole("button", { name: "Request the change" }).click();
  await expect(operator).toHaveURL(/\/requests\/[^/?]+$/);

  await signIn(page, USERS.admin.email);
  await page.goto(new URL(operator.url()).pathname);
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByTestId("approvals")).toContainText("approved");
  await page.getByRole("button", { name: "Execute" }).click();
  await expect(page.getByText("Done", { exact: true }).first()).toBeVisible({ timeout: 60_000 });

  const attached = await (
    await organizationAdmin(SANDBOX, staging)
  ).iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: "Accountants" }));
  expect(attached.AttachedPolicies?.map((p) => p.PolicyArn)).toEqual([
    `arn:aws:iam::${staging}:policy/AccountantBillingReadOnly`,
  ]);
  await page.goto("/groups");
  await expect(page.locator('[data-testid="job-role-row"][data-job-role="Accountant"]')).toContainText(
    "staging",
  );
});

import { expect, test } from "@playwright/test";
import { RemoveUserFromGroupCommand } from "@aws-sdk/client-iam";
import { USERS } from "./fixtures/users";
import { signIn } from "./support/session";
import { dbTask } from "./support/app-db";
import { iam, resetSandbox } from "./support/iam";
import { approveAndExecute } from "./support/requests";

// Issue 16 #11: the console names things as a first-time CTO reads them — the areas, the
// requests (by the person, not the e-mail), the buttons — and a person added inside the
// onboarding wizard gets the job role chosen there. (Bulk offboarding's typed count and plans
// per person: e2e/offboarding.spec.ts, which has the loaded users.)

const NINA = { name: "Nina Okafor", email: "nina.okafor@example.com", user: "nina.okafor" };

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  await resetSandbox("example-company");
  dbTask("job-roles");
  dbTask("forget-people", NINA.email);
});

test("the navigation and headings say Job roles (IAM groups) and Service roles; the favicon is served", async ({
  page,
}) => {
  await signIn(page, USERS.auditor.email);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const area of ["Job roles (IAM groups)", "Service roles"]) {
    await nav.getByRole("link", { name: area }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(area);
    await expect(page).toHaveTitle(`${area} · Gatehouse`);
  }
  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(icon).toMatch(/^\/icon\.svg/);
  const res = await page.request.get(icon!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("image/svg+xml");
});

test("someone added inside the onboarding wizard gets the job role chosen there; the request names them", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await signIn(page, USERS.operator.email);
  await page.goto("/people/onboard");
  await page.getByRole("button", { name: "Or add someone new" }).click();
  await page.getByLabel("Name").fill(NINA.name);
  await page.getByLabel("Email").fill(NINA.email);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("heading", { name: `Job role for ${NINA.name}` })).toBeVisible();
  await page.getByRole("checkbox", { name: /^Accountant / }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByLabel("IAM user name")).toHaveValue(NINA.user);
  await page.getByRole("button", { name: "Review the plan" }).click();
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page).toHaveURL(/\/requests\/[^/?]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(
    `Onboard ${NINA.name} as ${NINA.user} (Accountants)`,
  );

  const admin = await browser.newPage();
  await signIn(admin, USERS.admin.email);
  await approveAndExecute(admin, page.url());

  // Her page: the job role chosen in the wizard, and nothing missing of it, so no "Add missing access".
  await page.goto("/people");
  await page
    .locator(`[data-testid="person-row"][data-person="${NINA.name}"]`)
    .getByRole("link", { name: NINA.name })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(NINA.name);
  await expect(page.getByText(`${NINA.email} · Accountant`)).toBeVisible();
  await expect(page.getByTestId("add-missing-access")).toHaveCount(0);

  // Taken out of her group outside Gatehouse: the page offers what is missing, by name.
  await iam.send(new RemoveUserFromGroupCommand({ UserName: NINA.user, GroupName: "Accountants" }));
  await page.reload();
  await expect(page.getByTestId("add-missing-access")).toHaveText("Add missing access: group Accountants");
  await admin.close();
});

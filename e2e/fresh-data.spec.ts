// The console never shows what is no longer true (issue 16, items 1–3): right after a request
// runs, the principals it touched are re-read, so People and the review show an onboarding at
// once and stop showing an offboarded person's Write; the sync toast and the drift panel say one
// count, and a drift item acknowledged with a note leaves the panel and is in the audit log.
import { expect, test, type Page } from "@playwright/test";
import { CreateAccessKeyCommand } from "@aws-sdk/client-iam";
import { USERS } from "./fixtures/users";
import { signIn } from "./support/session";
import { dbTask } from "./support/app-db";
import { iam, resetSandbox } from "./support/iam";
import { approveAndExecute } from "./support/requests";

const NINA = { name: "Nina Okafor", email: "nina@example.com", user: "nina" };

test.describe.configure({ mode: "serial" });

let operator: Page;
let admin: Page;

test.beforeAll(async ({ browser }) => {
  await resetSandbox("example-company");
  dbTask("job-roles");
  dbTask("forget-people", NINA.email);
  dbTask("person-without-user", NINA.name, NINA.email, "Web developer");
  operator = await browser.newPage();
  admin = await browser.newPage();
  await signIn(operator, USERS.operator.email);
  await signIn(admin, USERS.admin.email);
  // A baseline snapshot: the review and People read it from here on.
  await admin.goto("/review");
  await syncNow(admin);
});

test.afterAll(async () => {
  await operator?.close();
  await admin?.close();
  await resetSandbox("example-company");
});

/** Sync now on the review page; returns the toast's words once the sync has ended. */
async function syncNow(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Sync now" }).click();
  const toast = page
    .locator("[data-sonner-toast]")
    .filter({ hasText: /^Synced/ })
    .last();
  await expect(toast).toBeVisible({ timeout: 30_000 });
  return (await toast.textContent()) ?? "";
}

const matrixRow = (page: Page, user: string) =>
  page.locator(`[data-testid="matrix-row"][data-user="${user}"]`);

test("onboarding shows on People and the review at once; offboarding removes the Write at once", async () => {
  test.setTimeout(120_000);
  await operator.goto("/people");
  await operator
    .locator(`[data-testid="person-row"][data-person="${NINA.name}"]`)
    .getByRole("link", { name: "Onboard" })
    .click();
  await operator.getByRole("button", { name: "Next" }).click();
  await expect(operator.getByLabel("IAM user name")).toHaveValue(NINA.user);
  await operator.getByRole("button", { name: "Review the plan" }).click();
  await operator.getByRole("button", { name: "Submit for approval" }).click();
  await expect(operator).toHaveURL(/\/requests\/[^/?]+$/);
  await approveAndExecute(admin, operator.url());

  // People: the access at once (no sync since), and how old the data is.
  await admin.goto("/people");
  const row = admin.locator(`[data-testid="person-row"][data-person="${NINA.name}"]`);
  await expect(row).toContainText("Console");
  await expect(row).not.toContainText("No AWS access");
  await expect(admin.getByTestId("as-of")).toContainText(
    /AWS access as of .+ UTC .*updated .+ UTC after a request/,
  );

  // The review: her row, with Write somewhere, and the status says it was updated after a request.
  await admin.goto("/review");
  await expect(admin.getByTestId("reread-after")).toBeVisible();
  await expect(matrixRow(admin, NINA.user)).toBeVisible();
  await expect(matrixRow(admin, NINA.user).locator('[data-level="Write"]').first()).toBeVisible();

  // Offboarding (one click, one confirmation): the review no longer shows her Write.
  await admin.goto("/people");
  await row.getByRole("link", { name: NINA.name }).click();
  await admin.getByRole("button", { name: "Offboard", exact: true }).click();
  await admin
    .getByRole("dialog")
    .getByRole("button", { name: `Offboard ${NINA.name} now` })
    .click();
  await expect(admin.getByTestId("approvals")).toContainText("one-click offboarding by an admin");
  await expect(
    admin.locator(
      '[data-testid="plan-step"][data-status="pending"], [data-testid="plan-step"][data-status="running"]',
    ),
  ).toHaveCount(0, { timeout: 30_000 });
  await admin.goto("/review");
  await expect(admin.getByTestId("reread-after")).toBeVisible();
  await expect(admin.locator('[data-testid="matrix-row"]').first()).toBeVisible();
  await expect(matrixRow(admin, NINA.user).locator('[data-level="Write"]')).toHaveCount(0);
});

test("the toast and the drift panel say one count; a drift item acknowledged with a note is audited", async () => {
  const key = await iam.send(new CreateAccessKeyCommand({ UserName: "mary" }));
  const keyId = key.AccessKey!.AccessKeyId!;
  await admin.goto("/review");
  const toast = await syncNow(admin);
  const toastCount = Number(/(\d+) out-of-band changes? to review/.exec(toast)?.[1]);
  const panel = admin.getByTestId("drift-panel");
  await expect(panel.getByRole("heading")).toContainText(`Out-of-band drift: ${toastCount} to review`);

  const item = panel.getByTestId("drift-item").filter({ hasText: keyId });
  await expect(item.getByRole("link", { name: /mary/i })).toBeVisible();
  await item.getByRole("button", { name: /^Acknowledge:/ }).click();
  const note = `Mary's CI key, agreed with her lead (${keyId})`;
  await item.getByLabel("Why is this fine?").fill(note);
  await item.getByRole("button", { name: "Acknowledge", exact: true }).click();
  await expect(panel.getByTestId("drift-item").filter({ hasText: keyId })).toHaveCount(0);
  if (toastCount > 1) await expect(panel.getByRole("heading")).toContainText(`${toastCount - 1} to review`);

  await admin.goto("/audit?action=review.drift_acknowledged");
  await expect(admin.getByRole("main")).toContainText(note);
});

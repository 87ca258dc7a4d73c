// The README's screenshots (docs/screenshots/*.png, 1280 wide), taken from the e2e stack so they
// show what the console really shows: People, a request's plan, the review heatmap and the
// evidence of an offboarding. Run with `npm run screenshots` (playwright.screenshots.config.ts).
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { createLoadedUser } from "@/lib/changes/testing/loaded-user";
import { USERS } from "../e2e/fixtures/users";
import { postAction } from "../e2e/support/action-call";
import { dbTask } from "../e2e/support/app-db";
import { iam } from "../e2e/support/iam";
import { apiSession, signIn } from "../e2e/support/session";

const OUT = path.resolve(__dirname, "../docs/screenshots");
const LEAVER = { name: "Lee Leaver", email: "lee.leaver@example.com", user: "e2e-leaver" };
// The example company's people (README), linked to their IAM users as an admin would link them.
const PEOPLE = [
  ["Sally Chen", "sally"],
  ["John Miller", "john"],
  ["Maria Garcia", "maria"],
  ["Jane Okafor", "jane"],
  ["Mary Jones", "mary"],
] as const;

async function shoot(page: Page, name: string) {
  // Nothing half-loaded, no toast, no blinking caret in the picture.
  await page.waitForLoadState("networkidle");
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(OUT, `${name}.png`), animations: "disabled", caret: "hide" });
}

test("README screenshots", async ({ page, playwright }) => {
  test.setTimeout(180_000);
  for (const [name, user] of PEOPLE) dbTask("person", name, `${user}@example.com`, user);
  dbTask("person-without-user", "Peter Brown", "peter@example.com", "Sales");
  const operator = await apiSession(playwright, USERS.operator.email);
  // A new web developer's onboarding, waiting for approval: the plan in full before anything runs.
  const person = await postAction<{ id: string }>(operator, "createEmployeeAction", [
    { name: "Nina Okafor", email: "nina@example.com" },
  ]);
  expect(person.result?.ok, JSON.stringify(person.result)).toBe(true);
  const employeeId = (person.result as { data: { id: string } }).data.id;
  const input = {
    employeeId,
    userName: "nina",
    groups: ["WebDevelopers"],
    console: true,
    programmatic: true,
  };
  const request = await postAction<{ id: string }>(operator, "createRequestAction", [
    { kind: "user.onboard", input },
  ]);
  expect(request.result?.ok, JSON.stringify(request.result)).toBe(true);
  const requestId = (request.result as { data: { id: string } }).data.id;
  await operator.dispose();

  await signIn(page, USERS.admin.email);
  await page.goto("/review");
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByRole("button", { name: "Sync now" })).toBeEnabled({ timeout: 30_000 });
  await page.reload();
  await expect(page.locator('[data-testid="matrix-row"]').first()).toBeVisible();
  await shoot(page, "review-heatmap");

  await page.goto("/people");
  await expect(page.getByTestId("person-row").first()).toBeVisible();
  await shoot(page, "people");

  await page.goto(`/requests/${requestId}`);
  await expect(page.getByTestId("plan-step").first()).toBeVisible();
  await shoot(page, "request-plan");

  // One-click offboarding of someone holding everything IAM can hang on a user, then the
  // request that proves it: every step done, the user gone.
  await createLoadedUser(iam, LEAVER.user, 1);
  dbTask("person", LEAVER.name, LEAVER.email, LEAVER.user);
  await page.goto("/people");
  await page
    .locator(`[data-testid="person-row"][data-person="${LEAVER.name}"]`)
    .getByRole("link", { name: LEAVER.name })
    .click();
  await page.getByRole("button", { name: "Offboard", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("offboard-plan")).toBeVisible();
  await dialog.getByRole("button", { name: `Offboard ${LEAVER.name} now` }).click();
  await expect(page).toHaveURL(/\/requests\/[^/?]+$/);
  await expect(
    page.locator(
      '[data-testid="plan-step"][data-status="pending"], [data-testid="plan-step"][data-status="running"]',
    ),
  ).toHaveCount(0, { timeout: 60_000 });
  // Without the "running" toast, at the end of the plan: the last steps prove the user is gone.
  await page.reload();
  await page.getByTestId("plan-step").last().scrollIntoViewIfNeeded();
  await shoot(page, "offboarding-evidence");
});

import { expect, test } from "@playwright/test";
import { USERS } from "./fixtures/users";
import { signIn, signInTo } from "./support/session";

test("an admin signs in, sees the console on the sandbox, and signs out", async ({ page }) => {
  await signIn(page, USERS.admin.email);
  const banner = page.getByTestId("mode-banner");
  await expect(banner).toContainText("IAM SANDBOX");
  await expect(banner).toContainText("123456789012");
  for (const area of [
    "People",
    "Job roles (IAM groups)",
    "Service roles",
    "Policy templates",
    "Access review",
    "Requests",
    "Audit log",
    "Settings",
  ]) {
    await expect(
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: area }),
    ).toBeVisible();
  }
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/settings/team");
  await expect(page).toHaveURL(/\/signin/);
});

// The e2e stack runs the app as the sandbox's least-privilege gatehouse-app user (only the app
// policy): Settings → Connection names it and finds everything Gatehouse uses allowed. The root's
// warning and the check's refusals are covered in lib/iam/permission-check.test.ts.
test("Settings → Connection shows the app's identity, its kind, and the check of what it may do", async ({
  page,
}) => {
  await signInTo(page, USERS.auditor.email, "/settings/connection");
  await expect(page.getByTestId("connection-principal")).toHaveText(
    "arn:aws:iam::123456789012:user/gatehouse-app",
  );
  await expect(page.getByTestId("connection-identity-kind")).toContainText("IAM user gatehouse-app");
  await expect(page.getByTestId("connection-root-warning")).toHaveCount(0);
  await expect(page.getByTestId("connection-permission-check")).toHaveAttribute("data-status", "checked");
  await expect(page.getByTestId("connection-permission-summary")).toHaveText(
    /^All \d+ actions Gatehouse uses are allowed\.$/,
  );
  await expect(
    page.getByTestId("connection-permission-statement").and(page.locator('[data-sid="ReadAccount"]')),
  ).toBeVisible();
  // Across an organization, the management-side policy under the app policy (deploy/aws).
  const management = JSON.parse((await page.getByTestId("management-policy").textContent()) ?? "");
  expect(
    management.Statement.map((s: { Action: unknown; Resource: string }) => [s.Action, s.Resource]),
  ).toEqual([
    [["organizations:List*", "organizations:Describe*"], "*"],
    ["sts:AssumeRole", "arn:aws:iam::*:role/GatehouseMember"],
  ]);
});

test("a wrong password gets one clear message that does not say which part was wrong", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(USERS.operator.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(
    "That email and password do not match an account.",
  );
  await page.getByLabel("Email").fill("nobody@test.local");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(
    "That email and password do not match an account.",
  );
});

test("repeated failures are throttled, even with the right password", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(USERS.throttled.email);
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Password").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toBeVisible();
  }
  await page.getByLabel("Password").fill("correct horse battery staple");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText("Too many failed attempts");
});

test("an SSO member signs in through the identity provider", async ({ page }) => {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await page.locator("input[name=login]").fill(USERS.ssoMember.email);
  await page.locator("input[name=password]").fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "People", exact: true, level: 1 })).toBeVisible();
  await expect(page.getByText(USERS.ssoMember.email)).toBeVisible();
});

test("an SSO user who is not on the team is asked to get access from an admin", async ({ page }) => {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await page.locator("input[name=login]").fill("stranger@test.local");
  await page.locator("input[name=password]").fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Ask an admin for access" })).toBeVisible();
  await expect(page.getByText("stranger@test.local")).toBeVisible();
  await page.goto("/people");
  await expect(page).toHaveURL(/\/signin/);
});

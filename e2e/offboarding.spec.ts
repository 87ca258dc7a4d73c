import { expect, test, type Page } from "@playwright/test";
import { GetGroupCommand, GetUserCommand, ListVirtualMFADevicesCommand } from "@aws-sdk/client-iam";
import { createLoadedUser, LOADED_GROUPS } from "@/lib/changes/testing/loaded-user";
import { REMOVAL_OPS } from "@/lib/changes/kinds/user-offboard.schema";
import { USERS } from "./fixtures/users";
import { signIn, signInTo } from "./support/session";
import { dbTask } from "./support/app-db";
import { iam, iamClient, resetSandbox, setSandboxFaults } from "./support/iam";

// The CTO offboards someone who has everything IAM can hang on a user, in one click from the
// person's page; then IAM is asked directly whether anything of them is left.

const PEOPLE = [
  { name: "Lee Leaver", email: "lee.leaver@example.com", user: "e2e-leaver", cert: 1 as const },
  { name: "Tess Throttled", email: "tess.throttled@example.com", user: "e2e-throttled", cert: 2 as const },
];
// Throttling only the writes: the page and the planning reads stay readable, the plan's IAM calls are throttled.
const WRITES = ["PutUserPolicy", ...REMOVAL_OPS, "DeleteUser"];

test.describe.configure({ mode: "serial" });

const faults = setSandboxFaults;

test.beforeAll(async () => {
  await resetSandbox("example-company");
  // The people first: dbTask blocks this process for seconds, long enough for the sandbox to
  // close an idle keep-alive socket unnoticed, which the next IAM call would then hang up on.
  for (const p of PEOPLE) dbTask("person", p.name, p.email, p.user);
  for (const p of PEOPLE) await createLoadedUser(iam, p.user, p.cert);
});

test.afterAll(async () => {
  await faults({});
  await resetSandbox("example-company");
});

async function expectNoTrace(userName: string) {
  await expect(iam.send(new GetUserCommand({ UserName: userName }))).rejects.toMatchObject({
    name: "NoSuchEntityException",
  });
  const devices = (await iam.send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices ?? [];
  expect(devices.map((d) => d.SerialNumber).filter((s) => s?.includes(userName))).toEqual([]);
  for (const g of LOADED_GROUPS)
    expect(
      (await iam.send(new GetGroupCommand({ GroupName: g }))).Users?.map((u) => u.UserName),
    ).not.toContain(userName);
}

async function offboardInOneClick(
  page: Page,
  p: (typeof PEOPLE)[number],
  beforeConfirm?: () => Promise<void>,
) {
  await page.goto("/people");
  await page
    .locator(`[data-testid="person-row"][data-person="${p.name}"]`)
    .getByRole("link", { name: p.name })
    .click();
  await page.getByRole("button", { name: "Offboard", exact: true }).click();
  const dialog = page.getByRole("dialog");
  const plan = dialog.getByTestId("offboard-plan").getByRole("listitem");
  await expect(plan).toHaveCount(21);
  await expect(plan.first()).toContainText("Deactivate access key");
  await expect(plan.last()).toContainText(`Verify: IAM has no user ${p.user}`);
  await beforeConfirm?.();
  await dialog.getByRole("button", { name: `Offboard ${p.name} now` }).click();
  await expect(page).toHaveURL(/\/requests\/[^/?]+$/);
  const requestId = page.url().split("/").pop()!;
  await expect(
    page.locator(
      '[data-testid="plan-step"][data-status="pending"], [data-testid="plan-step"][data-status="running"]',
    ),
  ).toHaveCount(0, { timeout: 60_000 });
  await expect(page.locator('[data-testid="plan-step"][data-status="failed"]')).toHaveCount(0);
  // The request ends after its steps: the people it touched are re-read first (lib/review reread).
  await expect
    .poll(
      async () =>
        ((await (await page.request.get(`/api/requests/${requestId}`)).json()) as { status: string }).status,
      {
        timeout: 30_000,
      },
    )
    .toBe("succeeded");
  return requestId;
}

test("a fully loaded user is offboarded in one click; IAM keeps no trace; the audit names who clicked and approved", async ({
  page,
}) => {
  await signIn(page, USERS.admin.email);
  const p = PEOPLE[0];
  const requestId = await offboardInOneClick(page, p);
  await expect(page.getByTestId("approvals")).toContainText("one-click offboarding by an admin");
  await expectNoTrace(p.user);

  const events = (await (await page.request.get("/api/audit/export?format=json")).json()) as {
    action: string;
    actor: string;
    requestId: string | null;
    data: Record<string, unknown>;
  }[];
  const mine = events.filter((e) => e.requestId === requestId);
  expect(mine.find((e) => e.action === "request.created")?.actor).toBe(USERS.admin.email);
  expect(mine.find((e) => e.action === "request.approved")).toMatchObject({
    actor: USERS.admin.email,
    data: { selfApproved: true, reason: "one-click offboarding by an admin" },
  });
  expect(mine.find((e) => e.action === "request.succeeded")).toBeTruthy();
  expect(mine.find((e) => e.action === "people.offboarded")).toMatchObject({
    data: { employee: p.email, mode: "delete", verified: { verified: true } },
  });

  await page.goto("/people?status=all");
  await page
    .locator(`[data-testid="person-row"][data-person="${p.name}"]`)
    .getByRole("link", { name: p.name })
    .click();
  await expect(page.getByTestId("offboarded")).toContainText("Offboarded");
  await expect(page.getByRole("button", { name: "Offboard", exact: true })).toHaveCount(0);
});

test("the same with 30 % of the plan's IAM writes throttled", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, USERS.admin.email);
  const p = PEOPLE[1];
  const requestId = await offboardInOneClick(page, p, () =>
    faults({ throttleRate: 0.3, seed: 11, actions: WRITES }),
  );
  await faults({});
  await expectNoTrace(p.user);
  const request = (await (await page.request.get(`/api/requests/${requestId}`)).json()) as {
    status: string;
    steps: { attempts: number; status: string }[];
  };
  expect(request.status).toBe("succeeded");
  expect(request.steps.some((s) => s.attempts > 1)).toBe(true);
});

test("Offboard selected on the People list: each person's plan, the count typed to confirm, one request each, in turn, with a summary", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const bulk = [
    { name: "Bo Bulk", email: "bo.bulk@example.com", user: "e2e-bulk-bo", cert: 3 as const },
    { name: "Cy Bulk", email: "cy.bulk@example.com", user: "e2e-bulk-cy", cert: 1 as const },
  ];
  // The people first, as in beforeAll; then a client of its own, as `iam`'s idle socket may have
  // been closed unnoticed while dbTask blocked.
  for (const p of bulk) dbTask("person", p.name, p.email, p.user);
  const fresh = iamClient();
  for (const p of bulk) await createLoadedUser(fresh, p.user, p.cert);
  await signInTo(page, USERS.admin.email, "/people");
  for (const p of bulk)
    await page.getByRole("checkbox", { name: `Select ${p.name} for offboarding` }).check();
  await page.getByRole("button", { name: "Offboard selected" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Offboard 2 people?");
  // Each person's plan, read from IAM, before anything runs.
  for (const p of bulk) {
    const plan = dialog
      .locator(`[data-person="${p.name}"]`)
      .getByTestId("bulk-offboard-plan")
      .getByRole("listitem");
    await expect(plan.first()).toContainText("Deactivate access key");
    await expect(plan.last()).toContainText(`Verify: IAM has no user ${p.user}`);
  }
  // Nothing runs until the number of people is typed.
  const go = dialog.getByRole("button", { name: "Offboard 2 now" });
  await expect(go).toBeDisabled();
  const count = dialog.getByLabel("Type 2 to confirm");
  await count.fill("3");
  await expect(go).toBeDisabled();
  await count.fill("2");
  await go.click();
  await expect(dialog.getByRole("status")).toHaveText("2 of 2 offboarded.", { timeout: 60_000 });
  await expect(dialog.getByTestId("bulk-offboard-progress").locator('[data-status="succeeded"]')).toHaveCount(
    2,
  );
  for (const p of bulk) await expectNoTrace(p.user);
});

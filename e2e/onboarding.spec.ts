import { expect, test, type Page } from "@playwright/test";
import {
  GetLoginProfileCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupsForUserCommand,
} from "@aws-sdk/client-iam";
import { USERS } from "./fixtures/users";
import { signIn } from "./support/session";
import { dbTask } from "./support/app-db";
import { createJobRoleGroups, iam, resetSandbox } from "./support/iam";
import { approveAndExecute } from "./support/requests";

// The CTO's first journey: the example company's people onboarded through the UI into an IAM
// account that has the job-role groups but no users yet.

const PEOPLE = [
  {
    name: "Sally",
    email: "sally@example.com",
    jobRole: "DevOps",
    user: "sally",
    groups: ["DevOps"],
    console: true,
    keys: 1,
  },
  {
    name: "John",
    email: "john@example.com",
    jobRole: "Web developer",
    user: "john",
    groups: ["WebDevelopers"],
    console: true,
    keys: 1,
  },
  {
    name: "Maria",
    email: "maria@example.com",
    jobRole: "Web developer",
    user: "maria",
    groups: ["WebDevelopers"],
    console: true,
    keys: 1,
  },
  {
    name: "Jane",
    email: "jane@example.com",
    jobRole: "Mobile developer",
    user: "jane",
    groups: ["MobileDevelopers"],
    console: false,
    keys: 1,
  },
  {
    name: "Mary",
    email: "mary@example.com",
    jobRole: "Accountant",
    user: "mary",
    groups: ["Accountants"],
    console: true,
    keys: 0,
  },
];

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  await resetSandbox("empty");
  await createJobRoleGroups();
  dbTask("job-roles");
  dbTask("forget-people", ...PEOPLE.map((p) => p.email), "peter@example.com");
});

test.afterAll(async () => {
  await resetSandbox("example-company");
});

async function addPerson(page: Page, p: { name: string; email: string; jobRole: string }) {
  await page.goto("/people");
  await page.getByRole("button", { name: "Add person" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(p.name);
  await dialog.getByLabel("Email").fill(p.email);
  await dialog.getByLabel("Job role").fill(p.jobRole);
  await dialog.getByRole("button", { name: "Add person" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator(`[data-testid="person-row"][data-person="${p.name}"]`)).toBeVisible();
}

test("the example company is onboarded through the UI, each request approved and audited", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await signIn(page, USERS.operator.email);
  const admin = await browser.newPage();
  await signIn(admin, USERS.admin.email);
  const requestUrls: string[] = [];

  for (const p of PEOPLE) {
    await addPerson(page, p);
    await page
      .locator(`[data-testid="person-row"][data-person="${p.name}"]`)
      .getByRole("link", { name: "Onboard" })
      .click();
    await expect(page.getByRole("heading", { name: `Job role for ${p.name}` })).toBeVisible();
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByLabel("IAM user name")).toHaveValue(p.user);
    await page.getByRole("button", { name: "Review the plan" }).click();
    const steps = page.getByTestId("preview-steps").getByRole("listitem");
    await expect(steps.first()).toContainText(`Create IAM user ${p.user}`);
    await page.getByRole("button", { name: "Submit for approval" }).click();
    await expect(page).toHaveURL(/\/requests\/[^/?]+$/);
    requestUrls.push(page.url());

    const secrets = await approveAndExecute(admin, page.url());
    expect(secrets).toHaveLength(1);
    expect(Boolean(secrets[0].password)).toBe(p.console);
    expect(Boolean(secrets[0].secretAccessKey)).toBe(p.keys > 0);
    if (secrets[0].secretAccessKey) expect(secrets[0].secretAccessKey).toMatch(/^.{40}$/);
  }

  // Peter (sales) needs no AWS access: the wizard says so and nothing is requested.
  await addPerson(page, { name: "Peter", email: "peter@example.com", jobRole: "Sales" });
  await page
    .locator('[data-testid="person-row"][data-person="Peter"]')
    .getByRole("link", { name: "Onboard" })
    .click();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Peter needs no IAM user. Nothing to request.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Review the plan" })).toBeDisabled();

  // IAM now holds exactly what each job role implies.
  for (const p of PEOPLE) {
    const groups = (await iam.send(new ListGroupsForUserCommand({ UserName: p.user }))).Groups?.map(
      (g) => g.GroupName,
    );
    expect(groups, p.user).toEqual(p.groups);
    expect(
      (await iam.send(new ListAttachedUserPoliciesCommand({ UserName: p.user }))).AttachedPolicies,
      p.user,
    ).toEqual([]);
    const login = await iam.send(new GetLoginProfileCommand({ UserName: p.user })).then(
      (r) => r.LoginProfile,
      () => null,
    );
    expect(Boolean(login), `${p.user} console`).toBe(p.console);
    if (login) expect(login.PasswordResetRequired).toBe(true);
    expect(
      (await iam.send(new ListAccessKeysCommand({ UserName: p.user }))).AccessKeyMetadata ?? [],
      `${p.user} keys`,
    ).toHaveLength(p.keys);
  }
  await expect(iam.send(new GetUserCommand({ UserName: "peter" }))).rejects.toMatchObject({
    name: "NoSuchEntityException",
  });

  // The audit names the requester and the approver of every request.
  const events = (await (
    await admin.request.get("/api/audit/export?format=json&action=request.")
  ).json()) as { action: string; actor: string; requestId: string | null }[];
  for (const url of requestUrls) {
    const id = url.split("/").pop();
    const mine = events.filter((e) => e.requestId === id);
    expect(mine.find((e) => e.action === "request.created")?.actor).toBe(USERS.operator.email);
    expect(mine.find((e) => e.action === "request.approved")?.actor).toBe(USERS.admin.email);
    expect(mine.find((e) => e.action === "request.succeeded")).toBeTruthy();
  }
  await admin.close();
});

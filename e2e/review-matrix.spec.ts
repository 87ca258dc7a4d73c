// The access review reads at a glance (issue 16, items 4–7): full service names as column headers
// with the IAM code as tooltip, a legend, contrast, a marker that is an icon, the matrix as a
// keyboard grid, self-service IAM shown as such, and the person page's access by service.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { CreateAccessKeyCommand, DeleteAccessKeyCommand } from "@aws-sdk/client-iam";
import { USERS } from "./fixtures/users";
import { signIn } from "./support/session";
import { dbTask } from "./support/app-db";
import { iam } from "./support/iam";

test.describe.configure({ mode: "serial" });

let page: Page;

async function syncNow() {
  await page.goto("/review");
  const done = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/review"));
  await page.getByRole("button", { name: "Sync now" }).click();
  await done;
  await expect(page.getByRole("button", { name: "Sync now" })).toBeEnabled({ timeout: 30_000 });
}

const cell = (user: string, service: string) =>
  page.locator(
    `[data-testid="matrix-row"][data-user="${user}"] [role="gridcell"][data-service="${service}"]`,
  );

test.beforeAll(async ({ browser }) => {
  // Mary (accountant, a console user) as a person of the company, as the onboarding spec makes her.
  dbTask("person-kept", "Mary", "mary@example.com", "mary", "Accountant");
  // One signed-in page for the whole file: the checks below only read.
  // (A context of its own: axe's AxeBuilder needs one.)
  page = await (await browser.newContext({ viewport: { width: 1600, height: 1400 } })).newPage();
  await signIn(page, USERS.admin.email);
  await syncNow();
  await page.reload();
  await expect(page.locator('[data-testid="matrix-row"][data-user="mary"]')).toBeVisible();
});

test.afterAll(async () => {
  await page?.context().close();
});

test("headers are full service names with the code as tooltip, linking to who can use it", async () => {
  const s3 = page.getByRole("columnheader", { name: "Amazon S3" });
  await expect(s3).toHaveAttribute("title", "s3");
  await expect(page.getByRole("columnheader", { name: "AWS Elastic Beanstalk" })).toHaveAttribute(
    "title",
    "elasticbeanstalk",
  );
  await expect(s3.getByRole("link")).toHaveAttribute("href", "/review/service/s3");
  // Filtered to a level, the header opens the service page at that level.
  await page.goto("/review?service=s3&minLevel=Read");
  await expect(page.getByRole("columnheader", { name: "Amazon S3" }).getByRole("link")).toHaveAttribute(
    "href",
    "/review/service/s3?level=Read",
  );
  await page.getByRole("columnheader", { name: "Amazon S3" }).getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Who can use Amazon S3" })).toBeVisible();
  await page.goto("/review");
});

test("a legend names every colour; the scoped marker is an icon; every cell is >= 4.5:1", async () => {
  const legend = page.getByTestId("matrix-legend");
  for (const name of [
    "List",
    "Read",
    "Tagging",
    "Write",
    "Permissions management",
    "Self-service",
    "Specific resources only",
  ])
    await expect(legend).toContainText(name);
  // Mary reads the billing bucket only: the marker is an svg, and no ⌖ is left on the page.
  await expect(cell("mary", "s3")).toHaveAttribute("data-level", "Read (specific resources)");
  await expect(cell("mary", "s3").locator('svg[data-marker="scoped"]')).toHaveCount(1);
  expect(await page.locator("main").innerText()).not.toContain("⌖");
  const contrast = await new AxeBuilder({ page })
    .include('[role="grid"]')
    .include('[data-testid="matrix-legend"]')
    .withRules(["color-contrast"])
    .analyze();
  expect(contrast.violations.flatMap((v) => v.nodes.map((n) => n.target.join(" ")))).toEqual([]);
});

test("self-service IAM is shown as such for a console user, not as Write", async () => {
  // IAMUserChangePassword: ChangePassword on her own user, GetAccountPasswordPolicy (Read) on *.
  await expect(cell("mary", "iam")).toHaveAttribute("data-level", "Read + self-service");
  await page.goto("/review?service=iam&minLevel=Write");
  await expect(page.locator('[data-testid="matrix-row"][data-user="mary"]')).toHaveCount(0);
  await page.goto("/review");
  await expect(cell("mary", "iam")).toBeVisible();
});

test("the matrix is one tab stop; arrows, Home and End move focus; Enter opens the why", async () => {
  const grid = page.getByRole("grid", { name: "Access matrix" });
  await expect(grid.locator('[tabindex="0"]')).toHaveCount(1);
  await expect(grid.locator('a:not([tabindex="-1"])')).toHaveCount(0);
  // The one stop starts on the first header.
  await grid.locator('[tabindex="0"]').focus();
  await expect(page.locator('[data-pos="0:0"]')).toBeFocused();
  // Where the focus is, as the grid position of its cell (a row without an IAM user has no link:
  // its cell itself takes the focus).
  const focused = () =>
    page.evaluate(() => document.activeElement?.closest("[data-pos]")?.getAttribute("data-pos"));
  await page.keyboard.press("ArrowDown");
  await expect.poll(focused).toBe("1:0");
  await page.keyboard.press("End");
  expect(await focused()).toMatch(/^1:[1-9]\d*$/);
  await page.keyboard.press("Home");
  await expect.poll(focused).toBe("1:0");
  await page.keyboard.press("ArrowUp");
  await expect(page.locator('[data-pos="0:0"]')).toBeFocused();
  // Walk to Mary's row, then right to her S3 cell: Enter opens the why at that service.
  const maryRow =
    Number(await page.locator('[data-testid="matrix-row"][data-user="mary"]').getAttribute("aria-rowindex")) -
    1;
  await page.keyboard.press("Control+Home");
  for (let i = 0; i < maryRow; i++) await page.keyboard.press("ArrowDown");
  await expect(page.locator(`[data-pos="${maryRow}:0"] a`)).toBeFocused();
  const s3Col = Number((await cell("mary", "s3").getAttribute("data-pos"))!.split(":")[1]);
  for (let i = 0; i < s3Col; i++) await page.keyboard.press("ArrowRight");
  await expect(cell("mary", "s3").getByRole("link")).toBeFocused();
  // Still one tab stop: it moved with the focus.
  await expect(grid.locator('[tabindex="0"]')).toHaveCount(1);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/review\/person\/mary#service-s3$/);
  await expect(page.locator('[data-testid="person-service"][data-service="s3"]')).toBeVisible();
});

test("the person page shows access by service with links, and marks out-of-band changes", async () => {
  // A key made straight through the IAM API: drift, marked on the key's line after a sync.
  const created = await iam.send(new CreateAccessKeyCommand({ UserName: "mary" }));
  const keyId = created.AccessKey!.AccessKeyId!;
  try {
    await syncNow();
    await page.goto("/people");
    await page
      .locator('[data-testid="person-row"][data-person="Mary"]')
      .getByRole("link", { name: "Mary" })
      .click();
    await expect(page.getByRole("heading", { name: "Mary", level: 1 })).toBeVisible();
    const s3 = page.locator('[data-testid="person-access-service"][data-service="s3"]');
    await expect(s3).toContainText("Amazon S3");
    await expect(s3.getByRole("link", { name: "Amazon S3" })).toHaveAttribute(
      "href",
      "/review/person/mary#service-s3",
    );
    await expect(page.locator('[data-testid="person-access-service"][data-service="iam"]')).toContainText(
      "self-service",
    );
    await expect(page.getByRole("link", { name: "Full explanation" })).toHaveAttribute(
      "href",
      "/review/person/mary",
    );
    await expect(
      page.getByTestId("person-groups").getByRole("link", { name: "Accountants" }),
    ).toHaveAttribute("href", "/groups#group-Accountants");
    await expect(page.getByTestId("person-drift")).toContainText(`access key ${keyId} created for mary`);
    await expect(page.getByRole("row", { name: new RegExp(keyId) }).getByTestId("drift-mark")).toBeVisible();
  } finally {
    // Leave the sandbox as the other specs expect it: the example company, without this key.
    await iam.send(new DeleteAccessKeyCommand({ UserName: "mary", AccessKeyId: keyId }));
  }
});

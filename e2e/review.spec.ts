// The access review on the example company: the matrix shows who reaches what, a key created
// outside Gatehouse (straight through the IAM API) shows up as drift after the next sync, and
// the CSV export says exactly what the matrix shows.
import { expect, test, type Page } from "@playwright/test";
import { CreateAccessKeyCommand, DeleteAccessKeyCommand } from "@aws-sdk/client-iam";
import { parse } from "csv-parse/sync";
import { USERS } from "./fixtures/users";
import { signIn } from "./support/session";
import { dbTask } from "./support/app-db";
import { iam } from "./support/iam";

type DomRow = { user: string; person: string; cells: Record<string, string> };

/** Every rendered matrix row with its level text per service (data-level), read in the page. */
async function matrix(page: Page): Promise<DomRow[]> {
  await expect(page.locator('[data-testid="matrix-row"]').first()).toBeVisible();
  return page.locator('[data-testid="matrix-row"]').evaluateAll((rows) =>
    rows.map((r) => ({
      user: r.getAttribute("data-user") ?? "",
      person: r.getAttribute("data-person") ?? "",
      cells: Object.fromEntries(
        [...r.querySelectorAll('[role="gridcell"]')].map((c) => [
          c.getAttribute("data-service") ?? "",
          c.getAttribute("data-level") ?? "",
        ]),
      ),
    })),
  );
}

const rowOf = (rows: DomRow[], user: string) => {
  const found = rows.filter((r) => r.user === user);
  expect(found, `one matrix row for ${user}`).toHaveLength(1);
  return found[0].cells;
};

async function syncNow(page: Page) {
  const done = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/review"));
  await page.getByRole("button", { name: "Sync now" }).click();
  await done;
  await expect(page.getByRole("button", { name: "Sync now" })).toBeEnabled({ timeout: 30_000 });
}

test.beforeAll(async () => {
  // Peter (sales) is a person of the company with no IAM user; other specs may have added him already.
  dbTask("person-without-user", "Peter", "peter@example.com", "Sales");
});

test("review matrix, drift from outside Gatehouse, and a CSV that matches the matrix", async ({ page }) => {
  // Tall enough that the virtualised matrix renders every row of the e2e account.
  await page.setViewportSize({ width: 1600, height: 3000 });
  await signIn(page, USERS.admin.email);
  await page.goto("/review");
  await syncNow(page);
  await page.reload();
  await expect(page.locator('[data-testid="matrix-row"][data-user="sally"]')).toBeVisible();

  const rows = await matrix(page);
  const sally = rowOf(rows, "sally");
  for (const service of ["ec2", "s3", "sqs", "elasticbeanstalk"])
    expect(sally[service], `Sally on ${service}`).not.toBe("");

  const mary = rowOf(rows, "mary");
  expect(mary.s3).toBe("Read (specific resources)");
  for (const service of ["ec2", "sqs", "elasticbeanstalk"])
    expect(mary[service], `Mary on ${service}`).toBe("");

  const peter = rows.filter((r) => r.person === "Peter" && r.user === "");
  expect(peter.length).toBeGreaterThan(0);
  for (const p of peter) expect(Object.values(p.cells).every((level) => level === "")).toBe(true);

  // Mary's S3 access names the billing bucket and nothing else.
  await page.locator('[data-testid="matrix-row"][data-user="mary"]').getByRole("link").first().click();
  const s3 = page.locator('[data-testid="person-service"][data-service="s3"]');
  await expect(s3).toBeVisible();
  const resources = await s3.locator("td.font-mono").allTextContents();
  expect(resources.length).toBeGreaterThan(0);
  for (const r of resources) expect(r).toMatch(/^arn:aws:s3:::example-company-billing(\/\*)?$/);

  // The CSV export matches the matrix, row for row and cell for cell.
  await page.goto("/review");
  const shown = await matrix(page);
  const res = await page.request.get("/api/review/export");
  expect(res.status()).toBe(200);
  const csv = parse(await res.text(), { columns: true }) as Record<string, string>[];
  // The CSV guards names that spreadsheets would run as formulas with a leading quote.
  const plain = (v: string) => (/^'[=+\-@]/.test(v) ? v.slice(1) : v);
  expect(csv.map((l) => [plain(l.iam_user), plain(l.person)])).toEqual(shown.map((r) => [r.user, r.person]));
  csv.forEach((line, i) => {
    for (const [service, level] of Object.entries(shown[i].cells))
      expect(line[service], `${shown[i].user || shown[i].person} / ${service}`).toBe(level);
  });

  // A key created straight through the IAM API is out-of-band drift after the next sync.
  const created = await iam.send(new CreateAccessKeyCommand({ UserName: "mary" }));
  const keyId = created.AccessKey!.AccessKeyId!;
  try {
    await syncNow(page);
    await page.reload();
    await expect(page.getByTestId("drift-panel")).toContainText(`access key ${keyId} created for mary`);
    await expect(
      page.locator('[data-testid="matrix-row"][data-user="mary"] [data-testid="drift-flag"]'),
    ).toBeVisible();
    await page.goto("/people");
    await expect(
      page
        .locator(
          '[data-testid="person-row"][data-person="Mary"], [data-testid="person-row"][data-person="mary"]',
        )
        .getByTestId("drift-badge"),
    ).toBeVisible();
  } finally {
    // Leave the sandbox as the other specs expect it: the example company, without this key.
    await iam.send(new DeleteAccessKeyCommand({ UserName: "mary", AccessKeyId: keyId }));
  }
});

test("a policy Gatehouse cannot read shows as 'access not understood', never as no access", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1600, height: 3000 });
  await signIn(page, USERS.admin.email);
  await page.goto("/review");
  await syncNow(page); // a snapshot of the example company to copy
  dbTask("plant-unreadable-policy", "mary");
  try {
    await page.goto("/review");
    const mary = page.locator('[data-testid="matrix-row"][data-user="mary"]');
    await expect(mary.getByTestId("not-understood-flag")).toBeVisible();
    // Mary reads the billing bucket; everywhere else she is "not understood", not blank.
    const cells = await mary
      .locator('[role="gridcell"]')
      .evaluateAll((els) => els.map((c) => [c.getAttribute("data-service"), c.getAttribute("data-level")]));
    for (const [service, level] of cells)
      if (service !== "s3" && service !== "iam") expect(level, service ?? "").toBe("not understood");
    await expect(
      page.locator('[data-testid="matrix-row"][data-user="sally"] [data-testid="not-understood-flag"]'),
    ).toHaveCount(0);

    // The "Access not understood" filter keeps only her; a service filter keeps her too.
    await page.goto("/review?notUnderstood=1");
    await expect(page.locator('[data-testid="matrix-row"]')).toHaveCount(1);
    await page.goto("/review?service=ec2&minLevel=Permissions+management");
    await expect(page.locator('[data-testid="matrix-row"][data-user="mary"]')).toBeVisible();

    await page.goto("/review/person/mary");
    const alert = page.getByTestId("not-understood");
    await expect(alert).toContainText("Access not understood");
    await expect(alert).toContainText("e2e-unreadable");

    await page.goto("/review/report");
    await expect(
      page
        .locator("tr", { has: page.locator("td.font-mono", { hasText: /^mary$/ }) })
        .getByTestId("report-understood"),
    ).toContainText("access not understood");
  } finally {
    dbTask("unplant-unreadable-policy");
  }
});

// Issue 16 items 8–10: pages that answer the question where it is asked — a template's summary
// and lint, the audit log as sentences, a rejected request's reason and resubmission, the
// request tabs per role, the sidebar's count of what awaits the admin. One signed-in page per
// role for the whole file; requests are made over HTTP (the dialogs have their own specs).
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { USERS } from "./fixtures/users";
import { createOwnUser } from "./support/iam";
import { apiSession, signIn } from "./support/session";
import { postAction } from "./support/action-call";

type Created = { id: string; number: number; planHash: string };

test.describe.configure({ mode: "serial" });

let admin: Page;
let operator: Page;
let operatorApi: APIRequestContext;
let adminApi: APIRequestContext;

test.beforeAll(async ({ browser, playwright }) => {
  [operatorApi, adminApi] = await Promise.all([
    apiSession(playwright, USERS.operator.email),
    apiSession(playwright, USERS.admin.email),
  ]);
  admin = await browser.newPage();
  operator = await browser.newPage();
  await signIn(admin, USERS.admin.email);
  await signIn(operator, USERS.operator.email);
});

test.afterAll(async () => {
  await Promise.all([admin.close(), operator.close(), operatorApi.dispose(), adminApi.dispose()]);
});

/** The operator asks to add a fresh IAM user to DevOps: a one-step plan nobody else depends on. */
async function requestAddToDevOps(prefix: string): Promise<Created> {
  const userName = await createOwnUser(prefix);
  const made = await postAction<Created>(operatorApi, "createRequestAction", [
    { kind: "group.add-member", input: { userName, groupName: "DevOps" } },
  ]);
  if (!made.result?.ok) throw new Error(JSON.stringify(made.result));
  return made.result.data;
}

async function call(api: APIRequestContext, action: string, input: object) {
  const r = await postAction(api, action, [input]);
  expect(r.result?.ok, JSON.stringify(r.result)).toBe(true);
  return r.result;
}

/** The Requests link's count of what awaits the signed-in admin (0 when it shows none). */
async function awaiting(page: Page): Promise<number> {
  // Read without waiting: the badge goes away when nothing awaits.
  const [text] = await page
    .getByRole("navigation", { name: "Main" })
    .getByTestId("awaiting-count")
    .allTextContents();
  return text ? Number(text.match(/\d+/)![0]) : 0;
}

test("a template shows its summary, its lint findings and which version is published", async () => {
  const name = `Summary${Date.now()}`;
  const document = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::${Bucket}/*" },
      {
        Effect: "Allow",
        Action: "ec2:Describe*",
        Resource: "*",
        Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } },
      },
      { Effect: "Allow", Action: "iam:PassRole", Resource: "*" },
    ],
  });
  await call(operatorApi, "saveTemplateAction", {
    name,
    description: "Reads the reports bucket",
    parameters: [{ name: "Bucket", description: "The bucket", type: "string", example: "reports" }],
    document,
    acknowledgeWarnings: true,
  });
  await admin.goto(`/templates/${name}`);
  await expect(admin.getByTestId("published-version")).toHaveText("Not published yet: no version is in IAM.");
  const s3 = admin.getByTestId("summary-row").filter({ hasText: "Amazon S3" });
  await expect(s3).toContainText(/Limited: Read \(1 of \d+\)/);
  await expect(s3).toContainText("arn:aws:s3:::reports/*");
  const ec2 = admin.getByTestId("summary-row").filter({ hasText: "Amazon EC2" });
  await expect(ec2).toContainText("All resources");
  await expect(ec2).toContainText("aws:RequestedRegion StringEquals eu-west-1");
  // The linter's warning about PassRole on every role, as the editor shows it.
  await expect(admin.getByTestId("template-lint")).toContainText(/Warning.*PassRole/i);
  await expect(admin.getByText("draft, not published")).toBeVisible();

  // Published through a request: the page then says plainly that v1 is the one in IAM.
  const publish = await call(operatorApi, "createRequestAction", {
    kind: "template.publish",
    input: { name, version: 1, values: { Bucket: "reports" } },
  });
  const request = (publish as { data: Created }).data;
  await call(adminApi, "approveRequestAction", { id: request.id, planHash: request.planHash });
  await call(adminApi, "executeRequestAction", { id: request.id });
  await admin.reload();
  await expect(admin.getByTestId("published-version")).toContainText("v1 is published");
  await expect(admin.getByText("v1 published", { exact: true })).toBeVisible();
});

test("a rejected request shows the reason first and can be resubmitted; Rejected has its tab", async () => {
  const request = await requestAddToDevOps("pages-reject");
  const reason = `Wrong team, ask for Accountants ${Date.now()}`;
  await call(adminApi, "rejectRequestAction", { id: request.id, reason });

  await operator.goto(`/requests/${request.id}`);
  const notice = operator.getByTestId("rejected-notice");
  await expect(notice.getByRole("heading", { name: `Rejected by ${USERS.admin.email}` })).toBeVisible();
  await expect(notice.getByTestId("rejection-reason")).toHaveText(reason);
  await notice.getByRole("button", { name: "Re-plan and resubmit" }).click();
  await expect(operator).not.toHaveURL(new RegExp(request.id));
  await expect(operator.getByRole("heading", { level: 1 })).toContainText(/^#\d+ /);
  await expect(operator.getByText("Awaiting approval")).toBeVisible();
  const resubmitted = operator.url().split("/").pop()!;

  // Operators approve nothing: no "Awaiting my approval" list; the rejected one is under Rejected.
  await operator.goto("/requests?tab=rejected");
  const tabs = operator.getByRole("navigation", { name: "Request lists" });
  await expect(tabs.getByRole("link", { name: "Rejected" })).toHaveAttribute("aria-current", "page");
  await expect(tabs.getByRole("link", { name: "Awaiting my approval" })).toHaveCount(0);
  await expect(
    operator
      .locator("tbody tr")
      .filter({ hasText: `${request.number}` })
      .first(),
  ).toContainText("Rejected");
  await expect(operator.getByRole("navigation", { name: "Main" }).getByTestId("awaiting-count")).toHaveCount(
    0,
  );

  // The audit log reads it as sentences, links the request and opens to what was recorded.
  await admin.goto("/audit");
  await admin.getByLabel("Event type").selectOption({ label: "Requests: rejected" });
  await admin.getByRole("button", { name: "Filter" }).click();
  await expect(admin).toHaveURL(/action=request\.rejected/);
  const entry = admin.getByTestId("audit-entry").first();
  await expect(entry.getByTestId("audit-sentence")).toHaveText(
    new RegExp(`^${USERS.admin.email} rejected #${request.number} Add `),
  );
  await expect(entry).toContainText(`“${reason}”`);
  await expect(entry.getByRole("link", { name: new RegExp(`^#${request.number} `) })).toHaveAttribute(
    "href",
    `/requests/${request.id}`,
  );
  await entry.getByText("Details").click();
  await expect(entry.getByRole("heading", { name: "Recorded" })).toBeVisible();
  await expect(entry.locator("pre")).toContainText(`"reason": "${reason}"`);
  // Every kind is in words, none as a code to type.
  await admin.goto("/audit?action=request.created");
  await expect(admin.getByTestId("audit-sentence").first()).toContainText(
    `${USERS.operator.email} requested #`,
  );
  await admin.getByTestId("audit-entry").first().getByText("Details").click();
  await expect(
    admin.getByTestId("audit-entry").first().getByRole("heading", { name: "Before" }),
  ).toBeVisible();

  await call(adminApi, "rejectRequestAction", { id: resubmitted, reason: "Clean-up after the test" });
});

test("the sidebar counts what awaits the signed-in admin, and the count follows an approval", async () => {
  await admin.goto("/requests");
  const before = await awaiting(admin);
  const request = await requestAddToDevOps("pages-count");
  await admin.reload();
  await expect(admin.getByRole("navigation", { name: "Main" }).getByTestId("awaiting-count")).toHaveText(
    `${before + 1} awaiting your approval`,
  );
  await admin.goto(`/requests/${request.id}`);
  await admin.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(admin.getByTestId("approvals")).toContainText(USERS.admin.email);
  // The toast says so without covering the request's title or status (it sits bottom-right).
  const toast = admin.locator("[data-sonner-toast]").filter({ hasText: "Approved" });
  await expect(toast).toBeVisible();
  const [toastBox, titleBox] = await Promise.all([
    toast.boundingBox(),
    admin.getByRole("heading", { level: 1 }).boundingBox(),
  ]);
  expect(toastBox!.y).toBeGreaterThan(titleBox!.y + titleBox!.height);
  // The approval revalidates the console, so the count drops without a reload.
  await expect.poll(() => awaiting(admin)).toBe(before);
  await call(adminApi, "rejectRequestAction", { id: request.id, reason: "Clean-up after the test" });
});

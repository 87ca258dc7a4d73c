// Issue 12 #15: one-time credentials are never lost silently. The executing admin's response can
// be lost (a closed tab: here the execute call is made over HTTP and its answer dropped), and an
// in-app link could leave the page while credentials are on it.
import { expect, test, type Page } from "@playwright/test";
import { ListAccessKeysCommand } from "@aws-sdk/client-iam";
import { USERS } from "./fixtures/users";
import { createOwnUser, iam } from "./support/iam";
import { apiSession, signInTo } from "./support/session";
import { postAction } from "./support/action-call";

type Secret =
  | { kind: "password"; userName: string; password: string }
  | { kind: "accessKey"; userName: string; accessKeyId: string; secretAccessKey: string };

const nav = (page: Page, name: string) =>
  page.getByRole("navigation").getByRole("link", { name, exact: true });

test("credentials whose response was lost say so on the request and are re-issued; leaving through a link asks first", async ({
  page,
  playwright,
}) => {
  const userName = await createOwnUser("handoff");
  const operator = await apiSession(playwright, USERS.operator.email);
  const admin = await apiSession(playwright, USERS.admin.email);
  const created = await postAction<{ id: string; planHash: string }>(operator, "createRequestAction", [
    { kind: "user.issue-credentials", input: { userName, console: true, accessKey: true } },
  ]);
  const { id, planHash } = (created.result as { data: { id: string; planHash: string } }).data;
  expect((await postAction(admin, "approveRequestAction", [{ id, planHash }])).result?.ok).toBe(true);
  // The admin's execute runs to the end, but its answer never reaches a screen.
  const lost = await postAction<{ secrets: Secret[] }>(admin, "executeRequestAction", [{ id }]);
  const oldKey = (lost.result as { data: { secrets: Secret[] } }).data.secrets.find(
    (s) => s.kind === "accessKey",
  )!;

  // The request page says so, and the admin re-issues (confirming first).
  await signInTo(page, USERS.admin.email, `/requests/${id}`);
  const notice = page.getByRole("region", { name: "Credentials not handed over" });
  await expect(notice).toContainText(userName);
  page.once("dialog", (d) => {
    expect(d.message()).toMatch(/earlier ones stop working/);
    void d.accept();
  });
  await notice.getByRole("button", { name: "Re-issue credentials" }).click();
  const bundle = page.getByTestId("credential-bundle");
  await expect(bundle).toBeVisible({ timeout: 30_000 });
  await expect(notice).toHaveCount(0);
  const newKeyId = (await bundle.getByTestId("access-key-id").textContent())!.trim();
  expect(newKeyId).not.toBe(oldKey.accessKeyId);
  expect(
    (await iam.send(new ListAccessKeysCommand({ UserName: userName }))).AccessKeyMetadata?.map(
      (k) => k.AccessKeyId,
    ),
  ).toEqual([newKeyId]);

  // An in-app link asks before leaving unhanded credentials; cancelling stays, credentials and all.
  const asked: string[] = [];
  page.on("dialog", (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await nav(page, "Requests").click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toMatch(/cannot be shown again/);
  await expect(page).toHaveURL(new RegExp(`/requests/${id}$`));
  await expect(bundle.getByTestId("access-key-id")).toHaveText(newKeyId);

  // Once handed over, links just work, and the request no longer warns.
  await bundle.getByRole("button", { name: "Mark handed over" }).click();
  await expect(bundle.getByRole("button", { name: "Handed over ✓" })).toBeVisible();
  await nav(page, "Requests").click();
  await expect(page).toHaveURL(/\/requests(\?.*)?$/);
  expect(asked).toHaveLength(1);
  await page.goto(`/requests/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(userName);
  await expect(page.getByRole("region", { name: "Credentials not handed over" })).toHaveCount(0);
  await operator.dispose();
  await admin.dispose();
});

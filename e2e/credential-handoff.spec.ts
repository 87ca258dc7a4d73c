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
  await notice.getByRole("button", { name: "Re-issue credentials" }).click();
  const reissue = page.getByRole("dialog", { name: `Issue new credentials for ${userName}?` });
  await expect(reissue).toContainText(/earlier ones stop working/);
  await reissue.getByRole("button", { name: "Issue new credentials" }).click();
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

  // An in-app link asks (the app's dialog, never the browser's) before leaving unhanded
  // credentials; cancelling stays, credentials and all.
  const native: string[] = [];
  page.on("dialog", (d) => {
    native.push(d.message());
    void d.dismiss();
  });
  await nav(page, "Requests").click();
  const leave = page.getByRole("dialog", { name: "Leave this page?" });
  await expect(leave).toContainText(/cannot be shown again/);
  await leave.getByRole("button", { name: "Cancel" }).click();
  await expect(leave).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`/requests/${id}$`));
  await expect(bundle.getByTestId("access-key-id")).toHaveText(newKeyId);

  // Once handed over, links just work, and the request no longer warns.
  await bundle.getByRole("button", { name: "Mark handed over" }).click();
  await expect(bundle.getByRole("button", { name: "Handed over ✓" })).toBeVisible();
  await nav(page, "Requests").click();
  await expect(page).toHaveURL(/\/requests(\?.*)?$/);
  expect(native).toEqual([]);
  await page.goto(`/requests/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(userName);
  await expect(page.getByRole("region", { name: "Credentials not handed over" })).toHaveCount(0);
  await operator.dispose();
  await admin.dispose();
});

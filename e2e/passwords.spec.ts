// One-time passwords, the Account page, server-side sessions and sign-in throttling, against the
// production build (issue 12: #4, #5, #10, #19).
import { expect, test, type APIRequestContext } from "@playwright/test";
import { APP_URL, USERS } from "./fixtures/users";
import { signIn, signInApi } from "./support/session";
import { postAction } from "./support/action-call";
import { dbTask } from "./support/app-db";

const NEW_PASSWORD = "violet tundra forty pencil";

/** One password sign-in over HTTP, as the form does; the error code, or null when it signed in. */
async function attempt(
  request: APIRequestContext,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<string | null> {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    headers,
    maxRedirects: 0,
  });
  const url = ((await res.json().catch(() => ({}))) as { url?: string }).url ?? res.headers().location ?? "";
  return new URL(url, APP_URL).searchParams.get("error");
}

async function sessionEmail(request: APIRequestContext): Promise<string | null> {
  const body = (await (await request.get("/api/auth/session")).json()) as { user?: { email?: string } };
  return body?.user?.email ?? null;
}

/** An admin's API context and a new member with a one-time password. */
async function invite(
  playwright: { request: { newContext: (o: { baseURL: string }) => Promise<APIRequestContext> } },
  prefix: string,
) {
  const admin = await playwright.request.newContext({ baseURL: APP_URL });
  await signInApi(admin, USERS.admin.email);
  const email = `${prefix}-${Date.now()}@test.local`;
  const res = await postAction<{ oneTimePassword: string; members: { id: string; email: string }[] }>(
    admin,
    "inviteMemberAction",
    [{ email, role: "operator", signIn: "password" }],
  );
  expect(res.result?.ok, JSON.stringify(res.result)).toBe(true);
  const data = (res.result as { data: { oneTimePassword: string; members: { id: string; email: string }[] } })
    .data;
  return {
    admin,
    email,
    oneTimePassword: data.oneTimePassword,
    id: data.members.find((m) => m.email === email)!.id,
  };
}

test.afterAll(() => dbTask("forget-address-throttle"));

test("a one-time password works once: the first sign-in must choose a new password, and nothing else answers until then", async ({
  page,
  playwright,
}) => {
  const { admin, email, oneTimePassword } = await invite(playwright, "one-time");
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(oneTimePassword);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/change-password$/);
  await expect(page.getByRole("heading", { name: "Choose your password" })).toBeVisible();

  // The server refuses the session everything else: pages, routes and actions (not only a redirect).
  const api = page.request;
  for (const path of ["/people", "/account", "/settings/team", "/audit"]) {
    const res = await api.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(307);
    expect(res.headers().location, path).toMatch(/\/change-password$/);
  }
  const route = await api.get("/api/review/status");
  expect(route.status()).toBe(403);
  expect(await route.text()).toContain("Choose a new password first");
  const action = await postAction(api, "verifyChainAction", [{}]);
  expect(action.result).toMatchObject({
    ok: false,
    code: "FORBIDDEN",
    error: expect.stringContaining("Choose a new password first"),
  });

  // Weak, short and reused passwords are refused with a clear message.
  const form = async (current: string, next: string, confirm = next) => {
    await page.getByLabel("One-time password").fill(current);
    await page.getByLabel("New password", { exact: true }).fill(next);
    await page.getByLabel("New password again").fill(confirm);
    await page.getByRole("button", { name: "Set my password" }).click();
  };
  await form(oneTimePassword, "short-one");
  await expect(page.getByRole("alert").filter({ hasText: /\S/ }).first()).toContainText(
    "at least 12 characters",
  );
  await form(oneTimePassword, "password1234");
  await expect(page.getByRole("alert").filter({ hasText: /\S/ }).first()).toContainText("too easy to guess");
  await form(oneTimePassword, oneTimePassword);
  await expect(page.getByRole("alert").filter({ hasText: /\S/ }).first()).toContainText(
    "different from the current one",
  );
  await form(oneTimePassword, NEW_PASSWORD, "something else entirely");
  await expect(page.getByRole("alert").filter({ hasText: /\S/ }).first()).toContainText("differ");
  await form(oneTimePassword, NEW_PASSWORD);
  await expect(page.getByRole("heading", { name: "People", exact: true, level: 1 })).toBeVisible();
  expect((await api.get("/api/review/status")).status()).toBe(200);

  // The one-time password is spent; the chosen one works.
  const later = await playwright.request.newContext({ baseURL: APP_URL });
  expect(await attempt(later, email, oneTimePassword)).toBe("CredentialsSignin");
  expect(await attempt(later, email, NEW_PASSWORD)).toBeNull();
  expect((await later.get("/api/review/status")).status()).toBe(200);
  for (const c of [admin, later]) await c.dispose();
});

test("the Account page shows one's role and sessions; ending a session signs that browser out, /api/auth/session included", async ({
  page,
  playwright,
}) => {
  const other = await playwright.request.newContext({ baseURL: APP_URL, userAgent: "Other browser (e2e)" });
  const third = await playwright.request.newContext({ baseURL: APP_URL, userAgent: "Third browser (e2e)" });
  await signInApi(other, USERS.auditor.email);
  await signInApi(third, USERS.auditor.email);
  await signIn(page, USERS.auditor.email);
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Account", exact: true })
    .click();
  await expect(page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
  await expect(page.getByTestId("account-role")).toContainText("Auditor");
  await expect(page.getByTestId("account-session").filter({ hasText: "This session" })).toHaveCount(1);

  // End one session: that browser has no session any more, everywhere.
  const row = page.getByTestId("account-session").filter({ hasText: "Third browser (e2e)" });
  await row.getByRole("button", { name: /^End session signed in/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "End session" }).click();
  await expect(row).toHaveCount(0);
  expect(await sessionEmail(third)).toBeNull();
  expect((await third.get("/api/review/status")).status()).toBe(401);
  expect(await sessionEmail(other)).toBe(USERS.auditor.email);

  // End all the others: this one stays.
  await page.getByRole("button", { name: /^End all other sessions/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "End other sessions" }).click();
  await expect(page.getByTestId("account-session")).toHaveCount(1);
  expect(await sessionEmail(other)).toBeNull();
  expect((await other.get("/api/review/status")).status()).toBe(401);
  expect((await page.request.get("/api/review/status")).status()).toBe(200);
  for (const c of [other, third]) await c.dispose();
});

test("/api/auth/session answers with no session once it is revoked: signed out elsewhere, or the member disabled", async ({
  playwright,
}) => {
  const { admin, email, oneTimePassword, id } = await invite(playwright, "revoked");
  const member = await playwright.request.newContext({ baseURL: APP_URL });
  expect(await attempt(member, email, oneTimePassword)).toBeNull();
  const cookies = (await member.storageState()).cookies;
  const copy = await playwright.request.newContext({
    baseURL: APP_URL,
    storageState: { cookies, origins: [] },
  });
  expect(await sessionEmail(copy)).toBe(email);
  const { csrfToken } = await (await member.get("/api/auth/csrf")).json();
  await member.post("/api/auth/signout", { form: { csrfToken, json: "true" }, maxRedirects: 0 });
  expect(await sessionEmail(copy)).toBeNull();

  const again = await playwright.request.newContext({ baseURL: APP_URL });
  expect(await attempt(again, email, oneTimePassword)).toBeNull();
  expect(await sessionEmail(again)).toBe(email);
  expect((await postAction(admin, "setDisabledAction", [{ memberId: id, disabled: true }])).result?.ok).toBe(
    true,
  );
  expect(await sessionEmail(again)).toBeNull();
  for (const c of [admin, member, copy, again]) await c.dispose();
});

test("X-Forwarded-For buys no new budget: after 30 failures from one client the next waits, whatever address it claims", async ({
  playwright,
}) => {
  dbTask("forget-address-throttle");
  const client = await playwright.request.newContext({ baseURL: APP_URL });
  const stamp = Date.now();
  for (let i = 0; i < 30; i++) {
    const headers = { "X-Forwarded-For": `203.0.113.${i}`, "X-Real-IP": `203.0.113.${i}` };
    expect(
      await attempt(client, `rotating-${stamp}-${i}@nowhere.test`, "guess", headers),
      `attempt ${i + 1}`,
    ).toBe("CredentialsSignin");
  }
  const error = await attempt(client, `rotating-${stamp}-30@nowhere.test`, "guess", {
    "X-Forwarded-For": "198.51.100.1",
  });
  expect(error).toMatch(/^THROTTLED:\d+$/);
  dbTask("forget-address-throttle");
  await client.dispose();
});

test("a few wrong guesses cost a short wait, not a lock-out, and an admin can unlock the member at once", async ({
  page,
  playwright,
}) => {
  const { admin, email, oneTimePassword } = await invite(playwright, "unlock");
  const member = await playwright.request.newContext({ baseURL: APP_URL });
  for (let i = 0; i < 5; i++) expect(await attempt(member, email, `wrong-${i}`)).toBe("CredentialsSignin");
  const throttled = await attempt(member, email, oneTimePassword);
  expect(throttled).toMatch(/^THROTTLED:\d+$/);
  expect(Number(throttled!.split(":")[1])).toBeLessThanOrEqual(30); // a delay of seconds, not a quarter of an hour

  await signIn(page, USERS.admin.email);
  await page.goto("/settings/team");
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row.getByText("Sign-in paused after failed attempts")).toBeVisible();
  await row.getByRole("button", { name: `Unlock sign-in for ${email}` }).click();
  await expect(row.getByText("Sign-in paused after failed attempts")).toHaveCount(0);
  expect(await attempt(member, email, oneTimePassword)).toBeNull();
  dbTask("forget-address-throttle");
  for (const c of [admin, member]) await c.dispose();
});

test("failed sign-ins for unknown accounts are counted per address; the typed text is kept nowhere in the audit log", async ({
  page,
  playwright,
}) => {
  const stamp = Date.now();
  const typed = [`Pa55word-${stamp}-typed-in-the-email-field`, `=HYPERLINK("http://evil.example/${stamp}")`];
  const anonymous = await playwright.request.newContext({ baseURL: APP_URL });
  for (const email of typed) expect(await attempt(anonymous, email, "whatever")).toBe("CredentialsSignin");
  const admin = await playwright.request.newContext({ baseURL: APP_URL });
  await signInApi(admin, USERS.admin.email);
  for (const format of ["json", "csv"]) {
    const exported = await (await admin.get(`/api/audit/export?format=${format}`)).text();
    expect(exported).not.toContain(String(stamp));
    expect(exported).toContain("auth.signin_failed_unknown");
  }
  await signIn(page, USERS.admin.email);
  await page.goto("/settings/team");
  await expect(page.getByRole("heading", { name: "Failed sign-ins for unknown accounts" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "127.0.0.1" }).first()).toBeVisible();
  dbTask("forget-address-throttle");
  for (const c of [anonymous, admin]) await c.dispose();
});

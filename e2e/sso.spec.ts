import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { USERS } from "./fixtures/users";
import { signIn, signInApi, ssoSignIn } from "./support/session";

// SSO against the real oidc-provider (e2e/support/oidc-idp.ts), whose login name chooses the
// claims of each sign-in. The email claim alone must never make someone a member: unverified
// emails are refused, a member is bound to the first IdP subject that signs in as them, and
// password-only members are out of SSO's reach.

type AuditEntry = { action: string; target: string | null; data: Record<string, unknown> };

async function refusals(request: APIRequestContext, target: string): Promise<AuditEntry[]> {
  const res = await request.get(
    `/api/audit/export?format=json&action=auth.signin_refused&target=${encodeURIComponent(target)}`,
  );
  expect(res.status()).toBe(200);
  return (await res.json()) as AuditEntry[];
}

async function expectRefused(page: Page, text: RegExp) {
  await expect(page.getByRole("heading", { name: "Ask an admin for access" })).toBeVisible();
  await expect(page.locator("main")).toContainText(text);
  // No session came of it.
  expect((await (await page.request.get("/api/auth/session")).json())?.user).toBeUndefined();
  await page.goto("/people");
  await expect(page).toHaveURL(/\/signin/);
}

test("an SSO sign-in whose email the IdP did not verify is refused, even for an SSO member", async ({
  page,
  browser,
  request,
}) => {
  await ssoSignIn(page, `${USERS.ssoMember.email}?email_verified=false`);
  await expectRefused(page, /did not confirm/);

  const other = await browser.newPage();
  await ssoSignIn(other, `${USERS.ssoMember.email}?sub=no-claim-at-all&email_verified=omit`);
  await expectRefused(other, /did not confirm/);
  await other.close();

  await signInApi(request, USERS.admin.email);
  const reasons = (await refusals(request, USERS.ssoMember.email)).map((e) => e.data.reason);
  expect(reasons.filter((r) => r === "email_unverified").length).toBeGreaterThanOrEqual(2);
});

test("a member is bound to the IdP subject of their first SSO sign-in; another subject with the same email is refused and audited", async ({
  browser,
  request,
}) => {
  const first = await browser.newPage();
  await ssoSignIn(first, `${USERS.ssoBound.email}?sub=bound-subject-A`);
  await expect(first.getByRole("heading", { name: "People", exact: true, level: 1 })).toBeVisible();
  await first.close();

  const intruder = await browser.newPage();
  await ssoSignIn(intruder, `${USERS.ssoBound.email}?sub=intruder-subject-B`);
  await expectRefused(intruder, new RegExp(USERS.ssoBound.email));
  await intruder.close();

  // The bound subject still gets in, even after its email claim changes.
  const again = await browser.newPage();
  await ssoSignIn(again, `renamed?sub=bound-subject-A&email=renamed-${Date.now()}@test.local`);
  await expect(again.getByRole("heading", { name: "People", exact: true, level: 1 })).toBeVisible();
  await expect(again.getByText(USERS.ssoBound.email)).toBeVisible();
  await again.close();

  await signInApi(request, USERS.admin.email);
  const mismatch = (await refusals(request, USERS.ssoBound.email)).filter(
    (e) => e.data.reason === "identity_mismatch",
  );
  expect(mismatch.length).toBeGreaterThanOrEqual(1);
  expect(mismatch.at(-1)?.data).toMatchObject({
    method: "oidc",
    subject: "intruder-subject-B",
    claimedEmail: USERS.ssoBound.email,
    emailVerified: true,
  });
});

test("a password-only admin cannot be reached through SSO, whatever the IdP claims", async ({
  browser,
  request,
}) => {
  for (const login of [
    USERS.admin.email,
    `${USERS.admin.email.toUpperCase()}?sub=someone-else`,
    `mallory?email=${USERS.admin2.email}`,
  ]) {
    const page = await browser.newPage();
    await ssoSignIn(page, login);
    await expectRefused(page, /cannot let you in/);
    await page.close();
  }
  await signInApi(request, USERS.admin.email);
  const reasons = (await refusals(request, USERS.admin.email)).map((e) => e.data.reason);
  expect(reasons.filter((r) => r === "sso_not_allowed").length).toBeGreaterThanOrEqual(2);
  // The admin's own password still works.
  const page = await browser.newPage();
  await signIn(page, USERS.admin.email);
  await page.close();
});

test("the normal SSO path works, for SSO members and for 'SSO or password' members (who can also use their password)", async ({
  browser,
}) => {
  for (const member of [USERS.ssoMember, USERS.ssoOrPassword]) {
    const page = await browser.newPage();
    await ssoSignIn(page, member.email);
    await expect(page.getByRole("heading", { name: "People", exact: true, level: 1 })).toBeVisible();
    await expect(page.getByText(member.email)).toBeVisible();
    await page.close();
  }
  const page = await browser.newPage();
  await signIn(page, USERS.ssoOrPassword.email);
  await expect(page.getByText(USERS.ssoOrPassword.email)).toBeVisible();
  await page.close();
});

test("/no-access shows the identity the server knows, never text from its URL", async ({ page, browser }) => {
  const phishing = "ceo@example.com. Your account is locked: call +1 555 0100 to restore it";
  await page.goto(`/no-access?email=${encodeURIComponent(phishing)}`);
  await expect(page.getByRole("heading", { name: "Ask an admin for access" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText("555 0100");
  await expect(page.getByTestId("no-access-identity")).toHaveCount(0);

  // After a refused SSO sign-in it names that identity, and still ignores the query.
  const refused = await browser.newPage();
  await ssoSignIn(refused, "stranger-21@test.local");
  await expect(refused.getByTestId("no-access-identity")).toHaveText("stranger-21@test.local");
  await refused.goto(`/no-access?email=${encodeURIComponent(phishing)}`);
  await expect(refused.getByTestId("no-access-identity")).toHaveText("stranger-21@test.local");
  await expect(refused.locator("body")).not.toContainText("555 0100");
  await refused.close();
});

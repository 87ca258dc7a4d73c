import { expect, test, type Page } from "@playwright/test";
import { APP_URL, USERS, PASSWORD } from "./fixtures/users";
import { hostileRedirectTargets } from "@/lib/auth/hostile-redirects";
import { ssoSignIn } from "./support/session";

// callbackUrl after sign-in, in Chromium. Each target once passed a string check and then,
// normalised by the browser's URL parser, pointed at another site. Every host but the app's is
// intercepted, so the test sees any attempt to go there (and nothing ever leaves the machine).
const FOREIGN_TARGETS = hostileRedirectTargets(APP_URL);

/** Answers every other host locally; returns the navigations (and anything for evil.example) it saw. */
async function interceptForeignHosts(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.context().route(
    (url) => url.hostname !== "127.0.0.1",
    (route) => {
      // The test IdP's login page asks for a web font; only a page going elsewhere counts.
      const request = route.request();
      if (request.isNavigationRequest() || new URL(request.url()).hostname.endsWith("evil.example"))
        seen.push(request.url());
      return route.fulfill({ status: 200, contentType: "text/html", body: "<h1>Another site</h1>" });
    },
  );
  page.on("dialog", (d) => {
    seen.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return seen;
}

for (const target of FOREIGN_TARGETS) {
  test(`password sign-in with callbackUrl ${JSON.stringify(target)} stays on Gatehouse`, async ({ page }) => {
    const foreign = await interceptForeignHosts(page);
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(target)}`);
    await page.getByLabel("Email").fill(USERS.auditor.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => url.pathname !== "/signin");
    expect(new URL(page.url()).origin).toBe(APP_URL);
    expect(foreign).toEqual([]);
  });
}

test("SSO sign-in with a foreign callbackUrl stays on Gatehouse", async ({ page }) => {
  const foreign = await interceptForeignHosts(page);
  await ssoSignIn(
    page,
    USERS.ssoMember.email,
    `/signin?callbackUrl=${encodeURIComponent("/.//evil.example/x")}`,
  );
  expect(new URL(page.url()).origin).toBe(APP_URL);
  expect(foreign).toEqual([]);
});

test("a same-site callbackUrl is honoured, query included", async ({ page }) => {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("/audit?action=auth.signin")}`);
  await page.getByLabel("Email").fill(USERS.auditor.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(`${APP_URL}/audit?action=auth.signin`);
});

test("next-auth's own redirects (sign-out's callbackUrl) stay on Gatehouse", async ({ request }) => {
  for (const callbackUrl of FOREIGN_TARGETS) {
    const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
    const res = await request.post("/api/auth/signout", {
      form: { csrfToken, callbackUrl, json: "true" },
      maxRedirects: 0,
    });
    const { url } = (await res.json()) as { url: string };
    expect(new URL(url).origin, callbackUrl).toBe(APP_URL);
    expect(new URL(url).pathname.startsWith("//"), callbackUrl).toBe(false);
  }
});

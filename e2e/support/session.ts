import { expect, type APIRequest, type APIRequestContext, type Page } from "@playwright/test";
import { APP_URL, PASSWORD, STACK } from "../fixtures/users";

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "People", exact: true, level: 1 })).toBeVisible();
}

/** Signs `page` in as `email` and opens `path`. */
export async function signInTo(page: Page, email: string, path: string) {
  await signIn(page, email);
  await page.goto(path);
}

/** A request context of its own (dispose of it when done), signed in over HTTP as `email`. */
export async function apiSession(playwright: { request: APIRequest }, email: string) {
  const request = await playwright.request.newContext({ baseURL: APP_URL });
  await signInApi(request, email);
  return request;
}

/** Signs in over HTTP the way the sign-in form does, leaving the session cookie in `request`. */
export async function signInApi(request: APIRequestContext, email: string, password = PASSWORD) {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
  expect([200, 302]).toContain(res.status());
  const session = await (await request.get("/api/auth/session")).json();
  expect(session?.user?.email).toBe(email);
}

/**
 * Signs in through the test IdP as `login`, which may choose the sign-in's claims
 * (e2e/support/oidc-idp.ts: `email?sub=…&email_verified=false`). Ends back at Gatehouse,
 * signed in or refused.
 */
export async function ssoSignIn(page: Page, login: string, from = "/signin") {
  await page.goto(from);
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  // Wherever it lands (the redirect tests check that it is Gatehouse), it has left the IdP and
  // next-auth's callback.
  await page.waitForURL(
    (url) => url.port !== String(STACK.idpPort) && !url.pathname.startsWith("/api/auth/"),
  );
}

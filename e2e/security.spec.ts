// Attacks a real browser or a forged client could make against the production build: missing
// headers, CSP violations on real pages, cross-origin action calls, oversized inputs, and session
// cookies that outlive a sign-out or were planted before sign-in.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { APP_URL, USERS } from "./fixtures/users";
import { signIn, signInApi } from "./support/session";
import { postAction } from "./support/action-call";
import { request as httpRequest } from "node:http";
import { actionResult, findAction } from "./support/action-manifest";

const SESSION_COOKIE = "next-auth.session-token";

/** Whether a person named `${marker}-row` is listed (the search box echoes the query, so search for less). */
async function personListed(request: APIRequestContext, marker: string): Promise<boolean> {
  const html = await (await request.get(`/people?q=${encodeURIComponent(marker)}`)).text();
  return html.includes(`${marker}-row`);
}

test("pages and API routes carry the security headers; secret-revealing pages are not stored", async ({
  playwright,
}) => {
  const request = await playwright.request.newContext({ baseURL: APP_URL });
  const signin = await request.get("/signin");
  const csp = signin.headers()["content-security-policy"];
  const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src"))!;
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(scriptSrc).not.toContain("unsafe-eval");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  // Every script Next renders carries this response's nonce, and the nonce is new per request.
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1];
  const html = await signin.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`);
  expect((await request.get("/signin")).headers()["content-security-policy"]).not.toContain(nonce);

  await signInApi(request, USERS.auditor.email);
  for (const url of ["/signin", "/people", "/requests", "/api/review/status"]) {
    const h = (await request.get(url)).headers();
    expect(h["x-frame-options"], url).toBe("DENY");
    expect(h["x-content-type-options"], url).toBe("nosniff");
    expect(h["referrer-policy"], url).toBe("strict-origin-when-cross-origin");
    expect(h["permissions-policy"], url).toContain("camera=()");
    // The e2e app is served over plain http: HSTS would be wrong here (it is sent only on https).
    expect(h["strict-transport-security"], url).toBeUndefined();
  }
  for (const url of [
    "/requests",
    "/requests/does-not-exist",
    "/api/review/status",
    "/api/audit/export?format=json",
  ]) {
    expect((await request.get(url)).headers()["cache-control"], url).toContain("no-store");
  }
  await request.dispose();
});

test("real pages hydrate under the strict CSP without a single violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(m.text()))
      violations.push(`${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => violations.push(`${page.url()}: ${e.message}`));
  await signIn(page, USERS.admin.email);
  await page.getByRole("button", { name: "Add person" }).click(); // client JS is live
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.goto("/requests");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/templates/new");
  const editor = page.locator(".cm-content").first();
  await expect(editor).toBeVisible();
  await editor.click();
  await page.keyboard.type(" ");
  await page.goto("/review");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/settings/team");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(violations).toEqual([]);
});

test("a server action called from another origin is refused and changes nothing", async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: APP_URL });
  await signInApi(request, USERS.operator.email);
  const forged = `Forged${Date.now()}`;
  for (const origin of ["https://evil.example", "http://127.0.0.1:3999", "null"]) {
    const res = await postAction(
      request,
      "createEmployeeAction",
      [{ name: `${forged}-row`, email: `forged-${Date.now()}@example.com` }],
      { origin },
    );
    expect(res.result, `Origin ${origin}`).toBeNull();
    expect(res.status, `Origin ${origin}`).toBeGreaterThanOrEqual(400);
  }
  expect(await personListed(request, forged)).toBe(false);
  // The same call from the app's own origin works, so the refusal above is about the origin.
  const genuine = `Genuine${Date.now()}`;
  const ok = await postAction(request, "createEmployeeAction", [
    { name: `${genuine}-row`, email: `genuine-${Date.now()}@example.com` },
  ]);
  expect(ok.result?.ok).toBe(true);
  expect(await personListed(request, genuine)).toBe(true);
  await request.dispose();
});

test("oversized inputs are refused clearly and nothing is written", async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: APP_URL });
  await signInApi(request, USERS.operator.email);
  const marker = `Huge${Date.now()}`;
  const tenMb = JSON.stringify([
    { name: `${marker}-row` + "x".repeat(10 * 1024 * 1024), email: `huge-${Date.now()}@example.com` },
  ]);
  const huge = await postAction(request, "createEmployeeAction", tenMb);
  expect(huge.result).toBeNull();
  expect(huge.status).toBe(413); // refused by proxy.ts from Content-Length, before any parsing
  expect(huge.text).toContain("too large");
  const long = await postAction(request, "createEmployeeAction", [
    { name: `${marker}-row` + "y".repeat(100_000), email: `long-${Date.now()}@example.com` },
  ]);
  expect(long.result).toMatchObject({ ok: false, code: "INVALID_INPUT" });
  expect(long.result && !long.result.ok && long.result.fieldErrors?.name?.[0]).toMatch(/at most 120/i);
  const reason = await postAction(request, "rejectRequestAction", [{ id: "x", reason: "r".repeat(200_000) }]);
  expect(reason.result).toMatchObject({ ok: false });
  expect(await personListed(request, marker)).toBe(false);
  await request.dispose();
});

/** A raw POST whose body is streamed in `chunks` (Transfer-Encoding: chunked, no Content-Length). */
function chunkedPost(
  path: string,
  headers: Record<string, string>,
  chunks: Buffer[],
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${APP_URL}${path}`,
      { method: "POST", headers: { ...headers, "transfer-encoding": "chunked" } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    // The server may answer 413 and close before the whole body is sent: that is the point.
    req.on("error", (e: NodeJS.ErrnoException) =>
      e.code === "EPIPE" || e.code === "ECONNRESET" ? undefined : reject(e),
    );
    const write = (i: number) => {
      if (i === chunks.length) return void req.end();
      req.write(chunks[i], () => write(i + 1));
    };
    write(0);
  });
}

test("a streamed (chunked) body over 1 MB is refused by its bytes, for server actions and route handlers", async ({
  playwright,
}) => {
  const request = await playwright.request.newContext({ baseURL: APP_URL });
  await signInApi(request, USERS.operator.email);
  const cookie = (await request.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const { id, page } = findAction("createEmployeeAction");
  const action = {
    "Next-Action": id,
    "Content-Type": "text/plain;charset=UTF-8",
    Accept: "text/x-component",
    Origin: APP_URL,
    Cookie: cookie,
  };
  const marker = `Chunked${Date.now()}`;
  const body = (padding: number) =>
    Buffer.from(
      JSON.stringify([
        { name: `${marker}-row` + "x".repeat(padding), email: `chunked-${Date.now()}@example.com` },
      ]),
    );
  const split = (b: Buffer, size = 64 * 1024) =>
    Array.from({ length: Math.ceil(b.length / size) }, (_, i) => b.subarray(i * size, (i + 1) * size));

  // 3 MB of server-action body in 64 kB chunks, no Content-Length.
  const bigAction = await chunkedPost(page, action, split(body(3 * 1024 * 1024)));
  expect(bigAction.status).toBe(413);
  expect(bigAction.text).toContain("too large");
  // The same against a route handler (NextAuth's credentials callback reads its form body).
  const form = Buffer.from(`email=a%40example.com&password=${"p".repeat(3 * 1024 * 1024)}`);
  const bigRoute = await chunkedPost(
    "/api/auth/callback/credentials",
    { "Content-Type": "application/x-www-form-urlencoded", Origin: APP_URL },
    split(form),
  );
  expect(bigRoute.status).toBe(413);
  // Just over the limit is refused too; a small chunked body still reaches the action.
  const justOver = await chunkedPost(
    page,
    action,
    split(Buffer.concat([body(0), Buffer.alloc(1024 * 1024 + 1 - body(0).length, " ")])),
  );
  expect(justOver.status).toBe(413);
  const small = await chunkedPost(page, action, split(body(10), 16));
  expect(small.status).toBe(200);
  expect(actionResult<{ ok: boolean }>(small.text)).toMatchObject({ ok: true });
  expect(await personListed(request, marker)).toBe(true); // the small one was stored
  await request.dispose();
});

test("a planted session cookie is replaced at sign-in; a copied one dies at sign-out", async ({
  playwright,
}) => {
  // Fixation: the attacker plants their own (valid) session in the victim's browser before sign-in.
  const attacker = await playwright.request.newContext({ baseURL: APP_URL });
  await signInApi(attacker, USERS.auditor.email);
  const planted = (await attacker.storageState()).cookies.find((c) => c.name === SESSION_COOKIE)!;
  const victim = await playwright.request.newContext({
    baseURL: APP_URL,
    storageState: { cookies: [planted], origins: [] },
  });
  await signInApi(victim, USERS.operator.email);
  const after = (await victim.storageState()).cookies.find((c) => c.name === SESSION_COOKIE)!;
  expect(after.value).not.toBe(planted.value);
  expect(after.httpOnly).toBe(true);
  expect(after.sameSite).toBe("Lax");
  // A forged cookie value is no session at all.
  const forged = await playwright.request.newContext({
    baseURL: APP_URL,
    storageState: { cookies: [{ ...planted, value: "eyJhbGciOiJub25lIn0.e30." }], origins: [] },
  });
  expect((await forged.get("/api/review/status")).status()).toBe(401);

  // Replay after sign-out: the cookie is a signed JWT naming a server-side session; sign-out
  // revokes that session, so it is refused wherever its cookie went. Signing in again starts a
  // new session that works; disabling the member refuses even that at once.
  const admin = await playwright.request.newContext({ baseURL: APP_URL });
  await signInApi(admin, USERS.admin.email);
  const email = `stolen-${Date.now()}@test.local`;
  const invite = await postAction<{ oneTimePassword: string; members: { id: string; email: string }[] }>(
    admin,
    "inviteMemberAction",
    [{ email, role: "auditor", signIn: "password" }],
  );
  expect(invite.result?.ok).toBe(true);
  const { oneTimePassword, members } = (
    invite.result as { data: { oneTimePassword: string; members: { id: string; email: string }[] } }
  ).data;
  const member = await playwright.request.newContext({ baseURL: APP_URL });
  await signInApi(member, email, oneTimePassword);
  // A one-time password opens nothing but the change to one's own (e2e/passwords.spec.ts).
  const chosen = "copper meadow ninety lantern";
  expect(
    (
      await postAction(member, "changePasswordAction", [{ current: oneTimePassword, next: chosen }], {
        pageHint: "change-password",
      })
    ).result?.ok,
  ).toBe(true);
  const stolen = (await member.storageState()).cookies.find((c) => c.name === SESSION_COOKIE)!;
  const thief = await playwright.request.newContext({
    baseURL: APP_URL,
    storageState: { cookies: [stolen], origins: [] },
  });
  expect((await thief.get("/api/review/status")).status()).toBe(200); // the copy works while the session lasts
  const { csrfToken } = await (await member.get("/api/auth/csrf")).json();
  await member.post("/api/auth/signout", { form: { csrfToken, json: "true" }, maxRedirects: 0 });
  expect((await member.get("/api/review/status")).status()).toBe(401); // that browser is signed out
  expect((await thief.get("/api/review/status")).status()).toBe(401); // and so is the copy
  expect((await thief.get("/people", { maxRedirects: 0 })).status()).toBe(307); // pages send it to sign-in
  const again = await playwright.request.newContext({ baseURL: APP_URL });
  await signInApi(again, email, chosen);
  expect((await again.get("/api/review/status")).status()).toBe(200);
  // The revoked copy cannot sign its owner out again: it ends only its own, already ended, session.
  const thiefCsrf = (await (await thief.get("/api/auth/csrf")).json()).csrfToken;
  await thief.post("/api/auth/signout", { form: { csrfToken: thiefCsrf, json: "true" }, maxRedirects: 0 });
  expect((await again.get("/api/review/status")).status()).toBe(200);
  const id = members.find((m) => m.email === email)!.id;
  expect((await postAction(admin, "setDisabledAction", [{ memberId: id, disabled: true }])).result?.ok).toBe(
    true,
  );
  expect([401, 403]).toContain((await again.get("/api/review/status")).status());
  await again.dispose();
  for (const c of [attacker, victim, forged, admin, member, thief]) await c.dispose();
});

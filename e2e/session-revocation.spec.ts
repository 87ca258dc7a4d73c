import { expect, test } from "@playwright/test";
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetUserCommand,
  ListUserPoliciesCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetSessionTokenCommand, STSClient } from "@aws-sdk/client-sts";
import { SANDBOX_URL, USERS } from "./fixtures/users";
import { signInTo } from "./support/session";
import { dbTask } from "./support/app-db";
import { iam } from "./support/iam";

// Offboarding must end what a leaver already holds, not only what they could get next: a session
// they obtained before (temporary credentials, which no key deletion reaches) stops working once
// Gatehouse's offboarding has run — through the app, signed as gatehouse-app, in the browser.

const ACCOUNT = "123456789012";
const stamp = Date.now();
const person = {
  name: "Sid Session",
  email: `sid.session.${stamp}@example.com`,
  user: `e2e-session-${stamp}`,
};
const role = `e2e-reports-${stamp}`;

const sts = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
  new STSClient({ endpoint: SANDBOX_URL, region: "us-east-1", maxAttempts: 1, credentials });
const assumeReports = (client: STSClient) =>
  client.send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/${role}`, RoleSessionName: "reports" }),
  );

test("a session issued before offboarding stops working after it", async ({ page }) => {
  test.setTimeout(90_000);
  // The leaver, set up outside Gatehouse: a key, and a role in the account they may assume.
  const trust = {
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
    Action: "sts:AssumeRole",
  };
  await iam.send(
    new CreateRoleCommand({
      RoleName: role,
      AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [trust] }),
    }),
  );
  await iam.send(new CreateUserCommand({ UserName: person.user }));
  const mayAssume = {
    Effect: "Allow",
    Action: "sts:AssumeRole",
    Resource: `arn:aws:iam::${ACCOUNT}:role/${role}`,
  };
  await iam.send(
    new PutUserPolicyCommand({
      UserName: person.user,
      PolicyName: "reports",
      PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [mayAssume] }),
    }),
  );
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: person.user }))).AccessKey!;
  dbTask("person", person.name, person.email, person.user);

  // Before: a 12-hour session from their key, which works.
  const longTerm = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  const { Credentials: s } = await sts(longTerm).send(
    new GetSessionTokenCommand({ DurationSeconds: 43_200 }),
  );
  const session = sts({
    accessKeyId: s!.AccessKeyId!,
    secretAccessKey: s!.SecretAccessKey!,
    sessionToken: s!.SessionToken!,
  });
  expect((await assumeReports(session)).AssumedRoleUser?.Arn).toBe(
    `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/reports`,
  );

  // Offboard in one click, keeping the user disabled (for an investigation).
  await signInTo(page, USERS.admin.email, "/people");
  await page
    .locator(`[data-testid="person-row"][data-person="${person.name}"]`)
    .getByRole("link", { name: person.name })
    .click();
  await page.getByRole("button", { name: "Offboard", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Disable only (keep it locked, for investigations)").check();
  await expect(dialog.getByTestId("offboard-plan")).toContainText("Deactivate access key");
  await dialog.getByRole("button", { name: `Offboard ${person.name} now` }).click();
  await expect(page).toHaveURL(/\/requests\/[^/?]+$/);
  await expect(
    page.locator(
      '[data-testid="plan-step"][data-status="pending"], [data-testid="plan-step"][data-status="running"]',
    ),
  ).toHaveCount(0, { timeout: 60_000 });
  await expect(page.locator('[data-testid="plan-step"][data-status="failed"]')).toHaveCount(0);

  // After: the user is still there (disabled, its policies gone, the deny on sessions older than
  // the offboarding left on it), and the session issued before is refused, in STS's words; the
  // key gets no new one.
  await iam.send(new GetUserCommand({ UserName: person.user }));
  const left = await iam.send(new ListUserPoliciesCommand({ UserName: person.user }));
  expect(left.PolicyNames).toEqual(["gatehouse-offboarding-deny-all"]);
  await expect(assumeReports(session)).rejects.toMatchObject({
    name: "AccessDenied",
    message: `User: arn:aws:iam::${ACCOUNT}:user/${person.user} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNT}:role/${role}`,
  });
  await expect(sts(longTerm).send(new GetSessionTokenCommand({}))).rejects.toMatchObject({
    name: "InvalidClientTokenId",
  });
});

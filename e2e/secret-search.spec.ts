// After an onboarding that reveals a temporary password and an access key secret (and a team
// invite that reveals a one-time password), and the secret of the key the app signs with, none of those strings may be found anywhere the
// running app keeps or emits data: the database file, the server's log, the audit exports.
// lib/changes/secrets.db.test.ts covers the engine alone; this covers the running app.
import { expect, test } from "@playwright/test";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { sandboxAppCredentials } from "@/lib/iam-sandbox/admin-client";
import { APP_URL, SANDBOX_TOKEN, SANDBOX_URL, USERS } from "./fixtures/users";
import { signInApi } from "./support/session";
import { postAction } from "./support/action-call";

// Where e2e/support/stack.ts keeps the database and tees the app's output.
const DATA_DIR = path.join(process.cwd(), ".data", "e2e");

type Secret =
  | { kind: "password"; password: string }
  | { kind: "accessKey"; accessKeyId: string; secretAccessKey: string };

test("one-time secrets appear in no database file, log line or audit export", async ({ playwright }) => {
  const stamp = Date.now();
  const operator = await playwright.request.newContext({ baseURL: APP_URL });
  await signInApi(operator, USERS.operator.email);
  const admin = await playwright.request.newContext({ baseURL: APP_URL });
  await signInApi(admin, USERS.admin.email);

  const person = await postAction<{ id: string }>(operator, "createEmployeeAction", [
    { name: `Secret Search ${stamp}`, email: `ss${stamp}@example.com` },
  ]);
  expect(person.result?.ok, JSON.stringify(person.result)).toBe(true);
  const employeeId = (person.result as { data: { id: string } }).data.id;
  const input = { employeeId, userName: `ss-${stamp}`, groups: [], console: true, programmatic: true };
  const created = await postAction<{ id: string; planHash: string }>(operator, "createRequestAction", [
    { kind: "user.onboard", input },
  ]);
  expect(created.result?.ok, JSON.stringify(created.result)).toBe(true);
  const { id, planHash } = (created.result as { data: { id: string; planHash: string } }).data;
  expect((await postAction(admin, "approveRequestAction", [{ id, planHash }])).result?.ok).toBe(true);
  const executed = await postAction<{ secrets: Secret[] }>(admin, "executeRequestAction", [{ id }]);
  expect(executed.result?.ok, JSON.stringify(executed.result)).toBe(true);
  const revealed = (executed.result as { data: { secrets: Secret[] } }).data.secrets;

  const invite = await postAction<{ oneTimePassword: string }>(admin, "inviteMemberAction", [
    { email: `ss${stamp}@test.local`, role: "auditor", signIn: "password" },
  ]);
  const oneTimePassword = (invite.result as { data: { oneTimePassword: string } }).data.oneTimePassword;

  const secrets = [
    ...revealed.flatMap((s) => (s.kind === "password" ? [s.password] : [s.secretAccessKey])),
    oneTimePassword,
    // the secret of the key the app itself signs with (gatehouse-app's, from its environment)
    (await sandboxAppCredentials(SANDBOX_URL, SANDBOX_TOKEN)).secretAccessKey,
  ];
  // The test can only fail if there is something to find: both kinds of IAM secret were revealed.
  expect(revealed.map((s) => s.kind).sort()).toEqual(["accessKey", "password"]);
  for (const s of secrets) expect(s.length).toBeGreaterThanOrEqual(12);

  const haystacks: Record<string, string> = {};
  haystacks["audit export (json)"] = await (await admin.get("/api/audit/export?format=json")).text();
  haystacks["audit export (csv)"] = await (await admin.get("/api/audit/export")).text();
  haystacks["request progress"] = await (await admin.get(`/api/requests/${id}`)).text();
  haystacks["request page"] = await (await admin.get(`/requests/${id}`)).text();
  // SQLite keeps recent writes in the -wal file: read every file of the database, as bytes.
  for (const f of readdirSync(DATA_DIR).filter((f) => f.startsWith("gatehouse-e2e.db"))) {
    haystacks[f] = readFileSync(path.join(DATA_DIR, f)).toString("latin1");
  }
  haystacks["app log"] = readFileSync(path.join(DATA_DIR, "app.log"), "utf8");
  expect(haystacks["app log"].length, "the app's log was captured").toBeGreaterThan(0);
  expect(haystacks["audit export (json)"]).toContain(id); // the exports did cover this request

  for (const [where, text] of Object.entries(haystacks)) {
    for (const secret of secrets) expect(text.includes(secret), `a secret found in ${where}`).toBe(false);
  }
  await operator.dispose();
  await admin.dispose();
});

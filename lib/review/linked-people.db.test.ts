import { CreateAccessKeyCommand, CreateUserCommand, TagUserCommand } from "@aws-sdk/client-iam";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { startSession } from "@/lib/auth/sessions";
import { discoverAccounts } from "@/lib/aws-accounts";
import { organizationAdmin, sandboxForApp } from "@/lib/aws-accounts/testing";
import { EXAMPLE_ORG_ACCOUNTS, type Sandbox } from "@/lib/iam-sandbox";
import { dismissAccountUser, linkAccountUser, personForAccountUser } from "@/lib/people";
import { setupAppDatabase } from "@/lib/test/app-db";
import { testDbKind } from "@/lib/test/db";
import {
  acrossAccounts,
  createCampaign,
  driftByPerson,
  getCampaignView,
  matrixRows,
  personDetail,
  reviewData,
  syncAccounts,
  type AcrossRow,
} from "./index";

// The review names the person of each IAM user by lib/people's one rule, on the sandbox's
// example-org over HTTP (the app signing as the management account's gatehouse-app): staging's
// `jane.doe`, tagged gatehouse:employee with Jane's email and linked to her by an operator, is
// Jane's in the all-accounts matrix, staging's own matrix, the person page, the CSV and a
// campaign; the sandbox account's `sally`, linked to Sal, is Sal's and not Sally's. Links and the
// dismissal are made with lib/people's real functions, which read each user live first. The CSVs
// come from the real routes, read by an auditor (real session and role check; only the cookie
// read and revalidatePath are stubbed, as in lib/actions/define.test.ts).
const cookie = vi.hoisted(() => ({ sid: null as string | null }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (cookie.sid ? { sid: cookie.sid } : null),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const noParams = { params: Promise.resolve({}) };

/** A CSV as header → column index and its lines. */
async function csvOf(res: Response) {
  expect(res.status).toBe(200);
  const [header, ...lines] = parse(await res.text()) as string[][];
  const col = (name: string) => header.indexOf(name);
  return {
    person: (user: string, account: string) =>
      lines.find((l) => l[col("iam_user")] === user && l[col("account")] === account)?.[col("person")],
  };
}

const MGMT = "123456789012";
const { production: PROD, staging: STAGING, sandbox: SANDBOX } = EXAMPLE_ORG_ACCOUNTS;
const olga: Actor = { id: "m-olga", email: "olga@example.com", name: "Olga Operator", role: "operator" };

describe(`the review knows linked users (${testDbKind()})`, () => {
  const t = setupAppDatabase();
  let sandbox: Sandbox;
  const ids = { sally: "", jane: "", john: "", sal: "" };

  /** person of each row, as `user@account`. */
  const whose = (rows: AcrossRow[]) =>
    Object.fromEntries(rows.map((r) => [`${r.user}@${r.account.id}`, r.person]));

  beforeAll(async () => {
    sandbox = await sandboxForApp();
    process.env.REVIEW_SYNC_COOLDOWN_SECONDS = "0";
    await t.db.member.create({ data: { id: olga.id, email: olga.email, name: olga.name, role: olga.role } });
    await discoverAccounts(olga);
    const auditor = await t.db.member.create({ data: { email: "al@example.com", role: "auditor" } });
    cookie.sid = await startSession(auditor.id, { method: "credentials" });
    const person = (name: string, email: string, iamUserName: string | null) =>
      t.db.employee.create({ data: { name, email, iamUserName, jobRole: null } }).then((e) => e.id);
    ids.sally = await person("Sally", "sally@example.com", "sally");
    ids.jane = await person("Jane", "jane@example.com", "jane");
    ids.john = await person("John", "john@example.com", "john");
    // A contractor without a user in Gatehouse's own account; the sandbox account's `sally` is his.
    ids.sal = await person("Sal", "sal@example.com", null);
    const inStaging = (await organizationAdmin(sandbox, STAGING)).iam;
    await inStaging.send(
      new CreateUserCommand({
        UserName: "jane.doe",
        Tags: [{ Key: "gatehouse:employee", Value: "Jane@Example.com" }],
      }),
    );
    const inSandbox = (await organizationAdmin(sandbox, SANDBOX)).iam;
    await inSandbox.send(
      new TagUserCommand({
        UserName: "sally",
        Tags: [{ Key: "gatehouse:employee", Value: "sal@example.com" }],
      }),
    );
    await syncAccounts({ instance: "a" });
  });
  afterAll(() => sandbox?.close());

  it("before any link: by user name only, jane.doe is nobody's and the sandbox's sally is Sally's", async () => {
    const rows = whose((await acrossAccounts({ account: "all" })).rows);
    expect(rows[`jane.doe@${STAGING}`]).toBeNull();
    expect(rows[`sally@${SANDBOX}`]).toBe("Sally");
    expect(rows[`jane@${PROD}`]).toBe("Jane");
  });

  it("the all-accounts matrix shows a linked user as its person, and a user of Sally's name linked to Sal as Sal's", async () => {
    await linkAccountUser({ employeeId: ids.jane, accountId: STAGING, userName: "jane.doe" }, olga);
    await linkAccountUser({ employeeId: ids.sal, accountId: SANDBOX, userName: "sally" }, olga);

    const view = await acrossAccounts({ account: "all" });
    const rows = whose(view.rows);
    expect(rows[`jane.doe@${STAGING}`]).toBe("Jane");
    expect(rows[`jane@${PROD}`]).toBe("Jane");
    expect(rows[`sally@${SANDBOX}`]).toBe("Sal");
    // Sally keeps her own users: by name wherever her name is not someone else's.
    expect(rows[`sally@${PROD}`]).toBe("Sally");
    expect(rows[`sally@${STAGING}`]).toBe("Sally");
    expect(rows[`sally@${MGMT}`]).toBeUndefined(); // the management account has no sally
    // Searching for the person finds the linked user of another name; sorted by person.
    const jane = await acrossAccounts({ account: "all", q: "jane" });
    expect(jane.rows.map((r) => [r.person, r.user, r.account.id])).toEqual([
      ["Jane", "jane", PROD],
      ["Jane", "jane.doe", STAGING],
    ]);
    // The export's person column (GET /api/review/export?account=all).
    const { GET } = await import("@/app/api/review/export/route");
    const csv = await csvOf(
      await GET(new Request("http://gatehouse.test/api/review/export?account=all"), noParams),
    );
    expect(csv.person("jane.doe", STAGING)).toBe("Jane");
    expect(csv.person("sally", SANDBOX)).toBe("Sal");
    expect(csv.person("sally", PROD)).toBe("Sally");
    // One account's export too.
    const one = await csvOf(
      await GET(new Request(`http://gatehouse.test/api/review/export?account=${STAGING}`), noParams),
    );
    expect(one.person("jane.doe", STAGING)).toBe("Jane");
  });

  it("one account's matrix and person page name the linked person; a person with no user there is listed without one", async () => {
    const staging = (await reviewData({ accountId: STAGING }))!;
    const rows = matrixRows(staging.snapshot, staging.people, staging.drift, { account: STAGING });
    expect(rows.filter((r) => r.person === "Jane").map((r) => r.user)).toEqual(["jane.doe"]);
    expect(personDetail(staging.snapshot, "jane.doe", staging.people, new Map())?.person?.name).toBe("Jane");

    const inSandbox = (await reviewData({ accountId: SANDBOX }))!;
    const sandboxRows = matrixRows(inSandbox.snapshot, inSandbox.people, inSandbox.drift, {
      account: SANDBOX,
    });
    expect(sandboxRows.find((r) => r.user === "sally")?.person).toBe("Sal");
    // Sally has no user in the sandbox account now: the single-account view lists her without one.
    expect(sandboxRows.filter((r) => r.person === "Sally").map((r) => r.user)).toEqual([null]);
    expect(personDetail(inSandbox.snapshot, "sally", inSandbox.people, new Map())?.person?.name).toBe("Sal");
  });

  it("a campaign lists Jane's staging item under Jane and the sandbox's sally under Sal, in the view and the CSV", async () => {
    const { id } = await createCampaign({ name: "Linked users" }, olga);
    const view = (await getCampaignView(id))!;
    const item = (user: string, account: string) =>
      view.items.find((i) => i.user === user && i.accountId === account)!;
    expect(item("jane.doe", STAGING).personName).toBe("Jane");
    expect(item("jane", PROD).personName).toBe("Jane");
    expect(item("sally", SANDBOX).personName).toBe("Sal");
    expect(item("sally", STAGING).personName).toBe("Sally");

    const { GET } = await import("@/app/api/review/campaigns/[id]/export/route");
    const csv = await csvOf(
      await GET(new Request(`http://gatehouse.test/api/review/campaigns/${id}/export`), {
        params: Promise.resolve({ id }),
      }),
    );
    expect(csv.person("jane.doe", STAGING)).toBe("Jane");
    expect(csv.person("sally", SANDBOX)).toBe("Sal");
    expect(csv.person("sally", PROD)).toBe("Sally");
  });

  it("the one rule, case ignored: a link wins, a dismissed user is not the person's, a user of an offboarded person falls back to nobody", async () => {
    expect((await personForAccountUser(STAGING, "JANE.DOE"))?.name).toBe("Jane");
    expect((await personForAccountUser(SANDBOX, "Sally"))?.name).toBe("Sal");
    expect((await personForAccountUser(PROD, "sally"))?.name).toBe("Sally");
    expect(await personForAccountUser(STAGING, "nobody")).toBeNull();
    // Jane's user in staging is the linked one; a `jane` there would not be hers by name.
    expect(await personForAccountUser(STAGING, "jane")).toBeNull();

    // An operator says staging's john is not John: the review stops naming him there.
    await dismissAccountUser({ employeeId: ids.john, accountId: STAGING, userName: "john" }, olga);
    expect(await personForAccountUser(STAGING, "john")).toBeNull();
    expect((await personForAccountUser(PROD, "john"))?.name).toBe("John");

    // Sal offboarded: his linked user is nobody's, as an offboarded person's user always was —
    // and never Sally's by name.
    await t.db.employee.update({ where: { id: ids.sal }, data: { status: "offboarded" } });
    const rows = whose((await acrossAccounts({ account: "all" })).rows);
    expect(rows[`sally@${SANDBOX}`]).toBeNull();
    expect(rows[`john@${STAGING}`]).toBeNull();
    expect(rows[`john@${PROD}`]).toBe("John");
    expect(rows[`jane.doe@${STAGING}`]).toBe("Jane");
  });

  it("the People page's drift badge counts a linked user's changes for its person, under that user's name", async () => {
    // A key made outside Gatehouse for jane.doe in staging, and one for an unclaimed user.
    const inStaging = (await organizationAdmin(sandbox, STAGING)).iam;
    await inStaging.send(new CreateAccessKeyCommand({ UserName: "jane.doe" }));
    await inStaging.send(new CreateUserCommand({ UserName: "stray" }));
    await inStaging.send(new CreateAccessKeyCommand({ UserName: "stray" }));
    await syncAccounts({ instance: "a", freshWithinMs: 0 });
    const drift = await driftByPerson();
    expect(drift.byPerson.get(ids.jane)).toMatchObject({ accounts: [STAGING], userName: "jane.doe" });
    expect(drift.byUser.get("jane.doe")).toBeUndefined();
    expect(drift.byUser.get("stray")?.accounts).toEqual([STAGING]);
  });
});

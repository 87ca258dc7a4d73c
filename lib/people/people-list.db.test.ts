import { CreateUserCommand, TagUserCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { discoverAccounts } from "@/lib/aws-accounts";
import { organizationAdmin, sandboxForApp } from "@/lib/aws-accounts/testing";
import { EXAMPLE_ORG_ACCOUNTS, type Sandbox } from "@/lib/iam-sandbox";
import { accessElsewhere, syncAccounts } from "@/lib/review";
import { setupAppDatabase } from "@/lib/test/app-db";
import { testDbKind } from "@/lib/test/db";
import { accessSummary, linkAccountUser, linkOnboardedUsers, listPeople, type PersonRow } from "./index";

// The People list on the sandbox's example-org (the app signing as the management account's
// gatehouse-app): Gatehouse's own account holds only mary; sally, john, maria and jane have their
// users in production, staging and sandbox. The access column is the app's own account's
// credential report plus each other account's latest review snapshot, whose users are the
// person's by lib/people's one rule (peopleOfAccountUsers) — so Sally is not "No AWS access".

const { production: PROD, staging: STAGING, sandbox: SANDBOX } = EXAMPLE_ORG_ACCOUNTS;
const olga: Actor = { id: "m-olga", email: "olga@example.com", name: "Olga Operator", role: "operator" };

describe(`the People list shows access in every managed account (${testDbKind()})`, () => {
  const t = setupAppDatabase();
  let sandbox: Sandbox;
  const ids = { mary: "", sally: "", john: "", jane: "", peter: "", ghost: "", sal: "" };

  const list = async (filter: Parameters<typeof listPeople>[0] = {}) =>
    (await listPeople({ status: "all", ...filter }, await accessElsewhere())).rows;
  const row = (rows: PersonRow[], id: string) => rows.find((r) => r.id === id)!;

  beforeAll(async () => {
    sandbox = await sandboxForApp();
    process.env.REVIEW_SYNC_COOLDOWN_SECONDS = "0";
    await t.db.member.create({ data: { id: olga.id, email: olga.email, name: olga.name, role: olga.role } });
    await discoverAccounts(olga);
    const person = (name: string, email: string, iamUserName: string | null) =>
      t.db.employee.create({ data: { name, email, iamUserName, jobRole: null } }).then((e) => e.id);
    ids.mary = await person("Mary", "mary@example.com", "mary");
    ids.sally = await person("Sally", "sally@example.com", "sally");
    ids.john = await person("John", "john@example.com", "john");
    ids.jane = await person("Jane", "jane@example.com", "jane");
    // No AWS user at all, and a user name that no account holds.
    ids.peter = await person("Peter", "peter@example.com", null);
    ids.ghost = await person("Gus", "gus@example.com", "gus");
    ids.sal = await person("Sal", "sal@example.com", null);
    await syncAccounts({ instance: "a" });
  });
  afterAll(() => sandbox?.close());

  it("Sally's row says her accounts; John's and Jane's name theirs; Mary keeps her own account's badges", async () => {
    const rows = await list();
    const sally = row(rows, ids.sally);
    expect(sally.access).toBe("none"); // nothing in Gatehouse's own account…
    expect(sally.elsewhere.map((a) => [a.account, a.userName])).toEqual([
      ["production", "sally"],
      ["sandbox", "sally"],
      ["staging", "sally"],
    ]);
    expect(accessSummary(sally)).toBe("3 accounts"); // …but not "No AWS access"
    expect(sally.elsewhere.every((a) => a.access !== "none")).toBe(true);
    expect(accessSummary(row(rows, ids.john))).toBe("production, staging");
    expect(accessSummary(row(rows, ids.jane))).toBe("production");

    // The app's own account as before: mary's credential report row, and nothing elsewhere.
    const mary = row(rows, ids.mary);
    expect(mary.elsewhere).toEqual([]);
    expect(mary.access).not.toBe("none");
    expect(accessSummary(mary)).not.toContain("account");
    // maria is in production and staging but nobody's here: not an "unassigned" row of this list
    // (those are the app's own account's users).
    expect(rows.some((r) => r.iamUserName === "maria")).toBe(false);
  });

  it("No AWS access only for people with no user in any managed account; the filter agrees", async () => {
    const rows = await list();
    expect(accessSummary(row(rows, ids.peter))).toBe("No AWS access");
    expect(accessSummary(row(rows, ids.ghost))).toBe("No AWS access");
    const none = (await list({ access: "none" })).map((r) => r.name).sort();
    expect(none).toEqual(["Gus", "Peter", "Sal"]);
  });

  it("follows the one rule: a user linked to someone else is theirs, not the person's of that name", async () => {
    // The sandbox account's sally is Sal's (a contractor), tagged and linked as an operator does.
    const inSandbox = (await organizationAdmin(sandbox, SANDBOX)).iam;
    await inSandbox.send(
      new TagUserCommand({
        UserName: "sally",
        Tags: [{ Key: "gatehouse:employee", Value: "sal@example.com" }],
      }),
    );
    await linkAccountUser({ employeeId: ids.sal, accountId: SANDBOX, userName: "sally" }, olga);
    const rows = await list();
    expect(row(rows, ids.sally).elsewhere.map((a) => a.accountId)).toEqual([PROD, STAGING]);
    expect(accessSummary(row(rows, ids.sally))).toBe("production, staging");
    expect(accessSummary(row(rows, ids.sal))).toBe("sandbox");
    expect((await list({ access: "none" })).map((r) => r.name).sort()).toEqual(["Gus", "Peter"]);
  });

  it("a user linked since the last sync (as onboarding links what it makes) is shown, said not synced yet", async () => {
    await (await organizationAdmin(sandbox, STAGING)).iam.send(new CreateUserCommand({ UserName: "gus" }));
    await linkOnboardedUsers(ids.ghost, [{ accountId: STAGING, userName: "gus" }], "onboarding request #7");
    const gus = row(await list(), ids.ghost);
    expect(accessSummary(gus)).toBe("staging");
    expect(gus.elsewhere).toEqual([expect.objectContaining({ accountId: STAGING, notSyncedYet: true })]);
    // Once synced, it is read like any other user.
    await syncAccounts({ instance: "a", freshWithinMs: 0 });
    const synced = row(await list(), ids.ghost).elsewhere;
    expect(synced).toEqual([
      expect.objectContaining({ accountId: STAGING, userName: "gus", access: "none" }),
    ]);
    expect(synced[0].notSyncedYet).toBeUndefined();
  });
});

import { CreateUserCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserError } from "@/lib/errors";
import { startSandbox, type Sandbox } from "@/lib/iam-sandbox";
import { freshDatabase, testDbKind, type TestDatabase } from "@/lib/test/db";
import { latestSnapshot, latestSnapshotInfo, runSync, runSyncIfDue } from "./index";
import { pruneSnapshots, setRetention } from "./retention";
import { syncNow } from "./audited-sync";
import { countedSandboxClients } from "./testing";

// Issue 12 (#11): 20 manual syncs in 15 s stored 20 copies of the account (+8.8 MB).
describe(`sync rate limit, unchanged snapshots and retention (${testDbKind()})`, () => {
  let t: TestDatabase;
  let sandbox: Sandbox;
  let clients: ReturnType<typeof countedSandboxClients>;
  const sync = () => runSync({ iam: clients.iam, sts: clients.sts, source: "sandbox" });
  const addUser = (name: string) => clients.iam.send(new CreateUserCommand({ UserName: name }));

  beforeAll(async () => {
    t = await freshDatabase();
    sandbox = await startSandbox({ port: 0, seed: "example-company" });
    clients = countedSandboxClients(sandbox.url);
    // Before the app's env() is first read: syncNow uses the app's own IAM clients.
    process.env.DATABASE_URL = t.url;
    process.env.IAM_MODE = "sandbox";
    process.env.IAM_SANDBOX_ENDPOINT = sandbox.url;
    process.env.REVIEW_SYNC_COOLDOWN_SECONDS = "60";
  });
  afterAll(async () => {
    await sandbox?.close();
    await t?.cleanup();
  });

  it("allows one manual sync a minute, for parallel clicks too, and says how long to wait", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => syncNow(`op${i}@example.com`)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results
      .filter((r): r is PromiseRejectedResult => r.status === "rejected")
      .map((r) => r.reason as UserError);
    expect(refused).toHaveLength(4);
    for (const e of refused) {
      expect(e).toBeInstanceOf(UserError);
      expect(e.code).toBe("RATE_LIMITED");
      expect(e.message).toMatch(/one per minute\. Try again in (\d|[1-5]\d|60) s\./);
    }
    expect(await t.db.syncSnapshot.count()).toBe(1);
    expect(await t.db.auditEvent.count({ where: { action: "review.synced" } })).toBe(1);

    // A minute later (the slot's time moved back) the next manual sync runs.
    await t.db.setting.update({
      where: { key: "review.lastManualSync" },
      data: { updatedAt: new Date(Date.now() - 61_000) },
    });
    // (The second sync learns the key ids the first, a baseline, does not list: a new snapshot.)
    await expect(syncNow("op0@example.com")).resolves.toMatchObject({ unchanged: false });
  });

  it("stores no copy of an unchanged account, yet records the sync: 'synced N ago' and the interval move on", async () => {
    const before = (await latestSnapshotInfo())!;
    const stored = await t.db.syncSnapshot.count();
    const started = Date.now();
    const again = await sync();
    expect(again).toMatchObject({ unchanged: true, snapshotId: before.id, drift: [] });
    expect(await t.db.syncSnapshot.count()).toBe(stored);
    const info = (await latestSnapshotInfo())!;
    expect(info.at).toEqual(before.at);
    expect(info.syncedAt.getTime()).toBeGreaterThanOrEqual(started - 1000);
    expect(info.syncedAt.getTime()).toBeGreaterThan(before.at.getTime());
    // The decoded snapshot is cached, its sync time is not.
    expect((await latestSnapshot())!.syncedAt).toEqual(info.syncedAt);
    // Just synced (unchanged): an hourly interval is not due.
    expect(
      await runSyncIfDue({ iam: clients.iam, sts: clients.sts, source: "sandbox" }, 3_600_000),
    ).toBeNull();

    await addUser("newcomer");
    const changed = await sync();
    expect(changed.unchanged).toBe(false);
    expect(changed.snapshotId).not.toBe(before.id);
    expect(await t.db.syncSnapshot.count()).toBe(stored + 1);
    expect((await latestSnapshot())!.state.users.some((u) => u.name === "newcomer")).toBe(true);
  });

  it("keeps at most M and N days of snapshots, never the newest nor one a campaign reviews; the setting is audited", async () => {
    const oldest = await t.db.syncSnapshot.findFirstOrThrow({ orderBy: { at: "asc" } });
    await t.db.reviewCampaign.create({
      data: { name: "Q4", createdBy: "cto@example.com", snapshotId: oldest.id },
    });
    // A campaign across the organization names each account's snapshot instead.
    const second = (await t.db.syncSnapshot.findMany({ orderBy: { at: "asc" }, take: 2 }))[1];
    await t.db.reviewCampaign.create({
      data: {
        name: "Q4 organization",
        createdBy: "cto@example.com",
        accounts: {
          create: { accountId: second.accountId, accountName: "home", snapshotId: second.id },
        },
      },
    });
    for (const name of ["r1", "r2", "r3"]) {
      await addUser(name);
      await sync();
    }
    const stored = await t.db.syncSnapshot.count();
    expect(stored).toBeGreaterThanOrEqual(5);

    const { deleted } = await setRetention({ days: 0, max: 2 }, "cto@example.com");
    expect(deleted).toBe(stored - 4); // all but the newest two and the campaigns' two
    const kept = await t.db.syncSnapshot.findMany({ orderBy: { at: "desc" }, select: { id: true } });
    const newestTwo = (
      await t.db.syncSnapshot.findMany({ orderBy: { at: "desc" }, take: 2, select: { id: true } })
    ).map((r) => r.id);
    expect(kept.map((r) => r.id).sort()).toEqual([...newestTwo, oldest.id, second.id].sort());
    const entry = await t.db.auditEvent.findFirstOrThrow({
      where: { action: "settings.updated", target: "settings/review" },
    });
    expect(entry.actor).toBe("cto@example.com");

    // By age: everything older than a day goes, except the newest and the campaign's.
    await setRetention({ days: 1, max: 0 }, "cto@example.com");
    await t.db.syncSnapshot.updateMany({ data: { at: new Date(Date.now() - 3 * 86_400_000) } });
    expect(await pruneSnapshots()).toBe(1);
    expect(await t.db.syncSnapshot.count()).toBe(3);
    expect(await t.db.syncSnapshot.findUnique({ where: { id: oldest.id } })).not.toBeNull();
    expect(await t.db.syncSnapshot.findUnique({ where: { id: second.id } })).not.toBeNull();

    // And a sync prunes by itself.
    await setRetention({ days: 0, max: 1 }, "cto@example.com");
    await addUser("r4");
    await sync();
    expect((await t.db.syncSnapshot.findMany({ select: { id: true } })).length).toBe(3); // the newest + the campaigns' two
  });

  it("refuses a retention setting out of range, writing nothing", async () => {
    const { retentionSchema } = await import("./review.schema");
    expect(retentionSchema.safeParse({ days: -1, max: 5 }).success).toBe(false);
    expect(retentionSchema.safeParse({ days: 5, max: 2.5 }).success).toBe(false);
  });
});

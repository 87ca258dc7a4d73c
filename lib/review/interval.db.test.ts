import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "@/lib/iam-sandbox";
import { freshDatabase, testDbKind, type TestDatabase } from "@/lib/test/db";
import {
  DEFAULT_SYNC_MINUTES,
  getSyncMinutes,
  setSyncMinutes,
  startReviewSyncLoop,
  stopReviewSyncLoop,
} from "./interval";

describe(`interval sync (${testDbKind()})`, () => {
  let t: TestDatabase;
  let sandbox: Sandbox;

  beforeAll(async () => {
    t = await freshDatabase();
    sandbox = await startSandbox({ port: 0, seed: "example-company" });
    // Both before the app's env() is first read.
    process.env.DATABASE_URL = t.url;
    process.env.IAM_MODE = "sandbox";
    process.env.IAM_SANDBOX_ENDPOINT = sandbox.url;
  });
  afterAll(async () => {
    stopReviewSyncLoop();
    await sandbox?.close();
    await t?.cleanup();
  });

  const waitFor = async (check: () => Promise<boolean>, ms = 15_000) => {
    for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 50)))
      if (await check()) return true;
    return false;
  };

  it("is off at 0, and syncs as the system when the newest snapshot is older than the interval", async () => {
    expect(await getSyncMinutes()).toBe(DEFAULT_SYNC_MINUTES);
    await setSyncMinutes(0, "cto@example.com");
    startReviewSyncLoop(50);
    await new Promise((r) => setTimeout(r, 400));
    expect(await t.db.syncSnapshot.count()).toBe(0);

    await setSyncMinutes(5, "cto@example.com");
    expect(await waitFor(async () => (await t.db.syncSnapshot.count()) === 1)).toBe(true);
    // The audit entry follows the snapshot.
    expect(
      await waitFor(async () => (await t.db.auditEvent.count({ where: { action: "review.synced" } })) === 1),
    ).toBe(true);
    const entry = await t.db.auditEvent.findFirst({ where: { action: "review.synced" } });
    expect(entry?.actor).toBe("system");
    // No full credential scan in the last day: this one lists every user's SSH keys and credentials.
    const snapshot = await t.db.syncSnapshot.findFirstOrThrow();
    expect(snapshot.counts).toMatchObject({ fullScan: true, calls: { ListSSHPublicKeys: 6 } }); // five employees and gatehouse-app
    // The fresh snapshot is younger than 5 minutes: no second sync.
    await new Promise((r) => setTimeout(r, 400));
    expect(await t.db.syncSnapshot.count()).toBe(1);
  });

  it("audits every change of the interval, with before and after (issue 12 #17)", async () => {
    await setSyncMinutes(15, "cto@example.com");
    await setSyncMinutes(30, "ada@example.com");
    const entries = await t.db.auditEvent.findMany({
      where: { action: "settings.updated", target: "settings/review" },
      orderBy: { seq: "asc" },
    });
    expect(entries.slice(-2).map((e) => [e.actor, e.data])).toEqual([
      [
        "cto@example.com",
        {
          changed: ["review.syncMinutes"],
          before: { "review.syncMinutes": 5 },
          after: { "review.syncMinutes": 15 },
        },
      ],
      [
        "ada@example.com",
        {
          changed: ["review.syncMinutes"],
          before: { "review.syncMinutes": 15 },
          after: { "review.syncMinutes": 30 },
        },
      ],
    ]);
  });
});

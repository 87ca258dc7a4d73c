import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "@/lib/iam-sandbox";
import { setupAppDatabase } from "@/lib/test/app-db";
import { testDbKind } from "@/lib/test/db";
import { latestSnapshot, loadSnapshot, runSync, SyncBusyError } from "./index";
import { countedSandboxClients } from "./testing";

describe(`review sync (${testDbKind()})`, () => {
  const t = setupAppDatabase();
  let sandbox: Sandbox;
  let clients: ReturnType<typeof countedSandboxClients>;
  const sync = () => runSync({ iam: clients.iam, sts: clients.sts, source: "sandbox" });

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: { users: 2500, groups: 120, policies: 600, seed: 7 } });
    clients = countedSandboxClients(sandbox.url);
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it("reads 2,500 users with one paginated walk and the credential report: no per-user calls", async () => {
    const result = await sync();
    expect(result.counts.users).toBe(2500);
    const walkPages = clients.sent.GetAccountAuthorizationDetails;
    // 2,500 users + 120 groups + 600 policies at 1,000 a page.
    expect(walkPages).toBe(4);
    expect(clients.sent.GetCredentialReport).toBe(1);
    const perUser = Object.entries(clients.sent)
      .filter(([op]) => op.startsWith("List"))
      .reduce((n, [, c]) => n + c, 0);
    expect(perUser).toBe(0);
    expect(result.counts.listCalls).toBeLessThanOrEqual(Math.ceil(2500 / 1000) + 3);
    expect(result.drift).toEqual([]);
  });

  it("stores the snapshot compressed and reads back the same account and access", async () => {
    const latest = await latestSnapshot();
    const row = await t.db.syncSnapshot.findUniqueOrThrow({ where: { id: latest!.id } });
    expect(row.state[0]).toBe(0x1f); // gzip magic
    expect(row.state[1]).toBe(0x8b);
    const state = sandbox.admin.state();
    expect(latest!.state.users.map((u) => u.name).sort()).toEqual(
      [...state.users.values()].map((u) => u.name).sort(),
    );
    const someone = [...state.users.values()][42];
    const stored = latest!.state.users.find((u) => u.name === someone.name)!;
    expect(stored.groups.map((g) => g.toLowerCase()).sort()).toEqual([...someone.groups].sort());
    expect(stored.accessKeys.length).toBe(someone.accessKeys.length);
    expect(Object.keys(latest!.access.byUser)).toHaveLength(2500);
    // Fewer distinct policy sets than users: the matrix is deduplicated.
    expect(latest!.access.sets.length).toBeLessThan(2500);
    expect((await loadSnapshot(latest!.id))!.counts.users).toBe(2500);
  });

  it("refuses a second sync while one runs", async () => {
    const first = sync();
    await new Promise((r) => setTimeout(r, 5));
    await expect(sync()).rejects.toBeInstanceOf(SyncBusyError);
    await first;
  });
});

import { beforeAll, describe, expect, it, vi } from "vitest";
import { startSession } from "@/lib/auth/sessions";
import { discoverAccounts, memberClients } from "@/lib/aws-accounts";
import { deleteRole, organizationAdmin } from "@/lib/aws-accounts/testing";
import { approveRequest, executeRequest } from "@/lib/changes";
import { ada, requester, setupHarness } from "@/lib/changes/testing/harness";
import { groupsOfUser } from "@/lib/iam";
import { testDbKind } from "@/lib/test/db";
import { latestSnapshot, syncAccounts, syncNow } from "./index";
import { createCampaign, decide, getCampaignView, signOff } from "./campaigns";

// A review campaign across the sandbox's example-org over HTTP: the app signs as the management
// account's gatehouse-app, discovers the organization, syncs the accounts (the review's own
// syncs), and a revoke runs through the change engine in the item's account only — checked in
// IAM through the organization's own way in (OrganizationAccountAccessRole). The server actions
// are called as the app calls them; only the cookie read and revalidatePath are stubbed.
const cookie = vi.hoisted(() => ({ sid: null as string | null }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (cookie.sid ? { sid: cookie.sid } : null),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const MGMT = "123456789012";
const PROD = "111111111111";
const STAGING = "222222222222";
const SANDBOX = "333333333333";

describe(`review campaigns across the organization (${testDbKind()})`, () => {
  const h = setupHarness({ seed: "example-org" });
  const view = async (id: string, account?: string) => (await getCampaignView(id, { account }))!;
  let campaignId = "";

  beforeAll(async () => {
    // The review's syncs and discovery use the app's own configuration (before env() is first read).
    const app = h.sandbox.admin.appCredentials()!;
    process.env.IAM_MODE = "sandbox";
    process.env.IAM_SANDBOX_ENDPOINT = h.sandbox.url;
    process.env.IAM_SANDBOX_ACCESS_KEY_ID = app.accessKeyId;
    process.env.IAM_SANDBOX_SECRET_ACCESS_KEY = app.secretAccessKey;
    process.env.REVIEW_SYNC_COOLDOWN_SECONDS = "0";
    await discoverAccounts(ada);
    await h.t.db.employee.create({
      data: { name: "Sally Sysadmin", email: "sally@example.com", iamUserName: "sally", status: "active" },
    });
  });

  it("says an account without a snapshot: nothing to review refuses the start; a never-synced account is excluded with its reason", async () => {
    const none = createCampaign({ name: "Too early" }, requester);
    await expect(none).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(none).rejects.toThrow(/production: Never synced/);
    expect(await h.t.db.reviewCampaign.count()).toBe(0);

    for (const accountId of [MGMT, PROD, STAGING]) await syncNow(ada.email, { accountId });
    const started = await createCampaign({ name: "Before the sandbox synced" }, requester);
    expect(started).toMatchObject({ reviewed: 3, excluded: 1 });
    const v = await view(started.id);
    const sandbox = v.accounts.find((a) => a.accountId === SANDBOX)!;
    expect(sandbox).toMatchObject({ name: "sandbox", snapshotId: null, items: 0 });
    expect(sandbox.excludedReason).toBe("Never synced: there is no snapshot to review.");
    expect(v.items.some((i) => i.accountId === SANDBOX)).toBe(false);
    // A decision in the excluded account is refused in words, nothing written.
    await expect(
      decide({ campaignId: started.id, person: "sally", accountId: SANDBOX, decision: "keep" }, requester),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: {
        accountId: [expect.stringMatching(/^sandbox is not reviewed in this campaign: Never synced/)],
      },
    });
    expect(await h.t.db.reviewDecision.count()).toBe(0);
    const created = await h.t.db.auditEvent.findFirstOrThrow({
      where: { action: "review.campaign.created", target: started.id },
    });
    expect(
      (created.data as { accounts: { accountId: string; excludedReason: string | null }[] }).accounts,
    ).toContainEqual(
      expect.objectContaining({ accountId: SANDBOX, excludedReason: expect.stringMatching(/^Never synced/) }),
    );
  });

  it("a campaign over the 4 accounts lists Sally in production, staging and sandbox, with account and OU, and filters by account", async () => {
    await syncNow(ada.email, { accountId: SANDBOX });
    const started = await createCampaign({ name: "Q4 organization review" }, requester);
    expect(started).toMatchObject({ reviewed: 4, excluded: 0 });
    campaignId = started.id;
    const v = await view(campaignId);
    expect(v.accounts.map((a) => [a.accountId, a.name, a.ouPath, a.home])).toEqual([
      [MGMT, expect.any(String), "/", true],
      [PROD, "production", "/Workloads/Prod", false],
      [SANDBOX, "sandbox", "/Sandbox", false],
      [STAGING, "staging", "/Workloads/NonProd", false],
    ]);
    const sally = v.items.filter((i) => i.user === "sally");
    expect(sally.map((i) => [i.accountName, i.ouPath, i.personName, i.decision])).toEqual([
      ["production", "/Workloads/Prod", "Sally Sysadmin", null],
      ["sandbox", "/Sandbox", "Sally Sysadmin", null],
      ["staging", "/Workloads/NonProd", "Sally Sysadmin", null],
    ]);
    // An item per IAM user per account: exactly what each account holds.
    const inSandbox = [MGMT, PROD, STAGING, SANDBOX].flatMap((id) =>
      [...h.sandbox.admin.account(id)!.users.values()].map((u) => `${u.name}@${id}`),
    );
    expect(v.items.map((i) => `${i.user}@${i.accountId}`).sort()).toEqual(inSandbox.sort());
    expect(v.progress).toEqual({ items: inSandbox.length, decided: 0 });
    for (const a of v.accounts) expect(a.items).toBe(h.sandbox.admin.account(a.accountId)!.users.size);
    // The filter by account: that account's items only; the progress stays the campaign's.
    const staging = await view(campaignId, STAGING);
    expect(new Set(staging.items.map((i) => i.accountId))).toEqual(new Set([STAGING]));
    expect(staging.items.map((i) => i.user).sort()).toEqual(["john", "maria", "sally"]);
    expect(staging.progress).toEqual(v.progress);
  });

  it("a revoke in staging plans and runs in staging only; production keeps her", async () => {
    const [prodAdmin, stagingAdmin] = await Promise.all([
      organizationAdmin(h.sandbox, PROD),
      organizationAdmin(h.sandbox, STAGING),
    ]);
    const item = (await view(campaignId, STAGING)).items.find((i) => i.user === "sally")!;
    expect(item.groups.length).toBeGreaterThan(0);
    const groupName = item.groups[0];
    // Bad input, nothing written: no account (the campaign reviews several), a group she is not in.
    await expect(
      decide({ campaignId, person: "sally", decision: "revoke", groupName }, requester),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { accountId: [expect.any(String)] } });
    await expect(
      decide(
        { campaignId, person: "sally", accountId: STAGING, decision: "revoke", groupName: "Nope" },
        requester,
      ),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { groupName: [expect.any(String)] } });
    await expect(
      decide({ campaignId, person: "jane", accountId: STAGING, decision: "keep" }, requester),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { person: [expect.any(String)] } });
    expect(await h.t.db.reviewDecision.count({ where: { campaignId } })).toBe(0);
    expect(await h.t.db.changeRequest.count()).toBe(0);

    const { requestId } = await decide(
      {
        campaignId,
        person: "sally",
        accountId: STAGING,
        decision: "revoke",
        groupName,
        note: "left the team",
      },
      requester,
    );
    const request = await h.t.db.changeRequest.findUniqueOrThrow({
      where: { id: requestId! },
      include: { steps: true },
    });
    expect(request.kind).toBe("group.remove-member");
    expect(request.summary).toBe(`Remove sally from ${groupName} in account ${STAGING}`);
    expect(
      request.steps.map((s) => [s.op, s.accountId, s.title.startsWith(`staging (${STAGING}): `)]),
    ).toEqual([["RemoveUserFromGroup", STAGING, true]]);
    await approveRequest(request.id, request.planHash, ada);
    await executeRequest(request.id, ada);
    expect(await groupsOfUser(stagingAdmin.iam, "sally")).not.toContain(groupName);
    expect(await groupsOfUser(prodAdmin.iam, "sally")).toContain(groupName);
    // Re-read at once in staging only (reread.ts), the change explained by staging's step.
    const staging = (await latestSnapshot(STAGING))!;
    expect(staging.state.users.find((u) => u.name === "sally")!.groups).not.toContain(groupName);
    expect(staging.counts.reread?.requestId).toBe(request.id);
    const findings = await h.t.db.driftFinding.findMany({ where: { snapshotId: staging.id } });
    expect(findings.map((f) => f.explainedBy)).toEqual([request.id]);
    expect((await latestSnapshot(PROD))!.counts.reread).toBeUndefined();

    // Keyed by (person, account): Sally is decided in staging only.
    const after = (await view(campaignId)).items.filter((i) => i.user === "sally");
    expect(
      after.map((i) => [i.accountId, i.decision?.decision ?? null, i.decision?.requestId ?? null]),
    ).toEqual([
      [PROD, null, null],
      [SANDBOX, null, null],
      [STAGING, "revoke", request.id],
    ]);
  });

  it("sign-off is refused until every item of every account is decided, then records each account and decision", async () => {
    const items = (await view(campaignId)).items.filter((i) => !i.decision);
    const last = items.find((i) => i.accountId === SANDBOX)!;
    for (const i of items)
      if (i !== last)
        await decide({ campaignId, person: i.user, accountId: i.accountId, decision: "keep" }, requester);
    const refused = signOff(campaignId, ada);
    await expect(refused).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(refused).rejects.toThrow("Not every item is decided: 1 left (sandbox: 1)");
    expect(
      (await h.t.db.reviewCampaign.findUniqueOrThrow({ where: { id: campaignId } })).signedOffAt,
    ).toBeNull();
    expect((await view(campaignId)).accounts.map((a) => [a.accountId, a.items - a.decided])).toEqual([
      [MGMT, 0],
      [PROD, 0],
      [SANDBOX, 1],
      [STAGING, 0],
    ]);

    await decide({ campaignId, person: last.user, accountId: SANDBOX, decision: "keep" }, requester);
    await signOff(campaignId, ada);
    const v = await view(campaignId);
    expect(v.progress.decided).toBe(v.progress.items);
    const entry = await h.t.db.auditEvent.findFirstOrThrow({
      where: { action: "review.campaign.signed_off", target: campaignId },
    });
    const data = entry.data as {
      accounts: { accountId: string; snapshotId: string | null }[];
      decisions: { person: string; accountId: string; decision: string }[];
    };
    expect(data.accounts.map((a) => a.accountId)).toEqual([MGMT, PROD, SANDBOX, STAGING]);
    expect(data.accounts.every((a) => a.snapshotId)).toBe(true);
    expect(data.decisions).toHaveLength(v.progress.items);
    // Ordered by account id: production 1…, staging 2…, sandbox 3….
    expect(data.decisions.filter((d) => d.person === "sally").map((d) => [d.accountId, d.decision])).toEqual([
      [PROD, "keep"],
      [STAGING, "revoke"],
      [SANDBOX, "keep"],
    ]);
  });

  it("the campaign actions check the role on the server and refuse bad input, writing nothing", async () => {
    const { createCampaignAction, decideCampaignAction, signOffCampaignAction } =
      await import("@/app/(console)/review/actions");
    const session = async (email: string, role: string) =>
      startSession((await h.t.db.member.create({ data: { email, role } })).id, { method: "credentials" });
    const campaigns = await h.t.db.reviewCampaign.count();
    const decisions = await h.t.db.reviewDecision.count();

    cookie.sid = null;
    expect(await createCampaignAction({ name: "anon" })).toMatchObject({
      ok: false,
      code: "UNAUTHENTICATED",
    });
    cookie.sid = await session("audrey@example.com", "auditor");
    expect(await createCampaignAction({ name: "auditor's" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const open = await createCampaign({ name: "Still open" }, requester);
    expect(
      await decideCampaignAction({ campaignId: open.id, person: "sally", accountId: PROD, decision: "keep" }),
    ).toMatchObject({ ok: false, code: "FORBIDDEN" });
    cookie.sid = await session("oscar@example.com", "operator");
    expect(await signOffCampaignAction({ campaignId: open.id })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(
      await decideCampaignAction({
        campaignId: open.id,
        person: "sally",
        accountId: "prod",
        decision: "keep",
      }),
    ).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await h.t.db.reviewCampaign.count()).toBe(campaigns + 1);
    expect(await h.t.db.reviewDecision.count()).toBe(decisions);
    // The operator decides, audited as theirs with the account.
    expect(
      await decideCampaignAction({ campaignId: open.id, person: "sally", accountId: PROD, decision: "keep" }),
    ).toMatchObject({ ok: true });
    const entry = await h.t.db.auditEvent.findFirstOrThrow({
      where: { action: "review.campaign.decided", target: open.id },
    });
    expect(entry.actor).toBe("oscar@example.com");
    expect(entry.data).toMatchObject({ person: "sally", accountId: PROD, decision: "keep" });
    cookie.sid = null;
  });

  it("the campaign's CSV names each item's account (and each excluded account, with why); auditors read it", async () => {
    const { GET } = await import("@/app/api/review/campaigns/[id]/export/route");
    const get = (id: string) =>
      GET(new Request(`http://gatehouse.test/api/review/campaigns/${id}/export`), {
        params: Promise.resolve({ id }),
      });
    cookie.sid = null;
    expect((await get(campaignId)).status).toBe(401);
    const auditor = await h.t.db.member.create({ data: { email: "ava@example.com", role: "auditor" } });
    cookie.sid = await startSession(auditor.id, { method: "credentials" });
    const res = await get(campaignId);
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      "account,account_name,ou,snapshot_at,iam_user,person,groups,decision,reviewer,decided_at,note,change_request",
    );
    const sally = lines.filter((l) => l.split(",")[4] === "sally").map((l) => l.split(","));
    expect(sally.map((c) => [c[0], c[1], c[2], c[7]])).toEqual([
      [PROD, "production", "/Workloads/Prod", "keep"],
      [SANDBOX, "sandbox", "/Sandbox", "keep"],
      [STAGING, "staging", "/Workloads/NonProd", "revoke"],
    ]);
    expect(lines).toHaveLength(1 + (await view(campaignId)).progress.items);
    // The first campaign excluded the never-synced sandbox: its file says so.
    const first = await h.t.db.reviewCampaign.findFirstOrThrow({
      where: { name: "Before the sandbox synced" },
    });
    const text = await (await get(first.id)).text();
    expect(text).toContain(
      `${SANDBOX},sandbox,/Sandbox,,,,,excluded,,,Never synced: there is no snapshot to review.,`,
    );
    expect((await get("nope")).status).toBe(404);
    cookie.sid = null;
  });

  it("an account whose last sync failed is excluded, in words, rather than reviewed on its stale snapshot", async () => {
    const sandboxAdmin = await organizationAdmin(h.sandbox, SANDBOX);
    await deleteRole(sandboxAdmin, "GatehouseMember");
    memberClients().forget({ roleArn: `arn:aws:iam::${SANDBOX}:role/GatehouseMember`, externalId: null });
    const outcomes = await syncAccounts({ freshWithinMs: 0 });
    expect(outcomes.find((o) => o.accountId === SANDBOX)?.outcome).toBe("failed");
    const started = await createCampaign({ name: "After the sandbox broke" }, requester);
    expect(started).toMatchObject({ reviewed: 3, excluded: 1 });
    const sandbox = (await view(started.id)).accounts.find((a) => a.accountId === SANDBOX)!;
    expect(sandbox.snapshotId).toBeNull();
    expect(sandbox.excludedReason).toMatch(
      /^Its last sync failed \(Gatehouse may not assume arn:aws:iam::333333333333:role\/GatehouseMember.*\); its last good snapshot, of .* UTC, may no longer be the account, so it is not reviewed\./,
    );
  });
});

import { CreateUserCommand, DeleteUserCommand } from "@aws-sdk/client-iam";
import { describe, expect, it, vi } from "vitest";
import { startSession } from "@/lib/auth/sessions";
import { approveRequest, createChangeRequest, executeRequest } from "@/lib/changes";
import { ada, requester, setupHarness } from "@/lib/changes/testing/harness";
import { testDbKind } from "@/lib/test/db";
import { acknowledgeDrift, driftByPerson, driftPanel, openDriftCount, runSync } from "./index";

// The drift panel and the sync toast count the same open drift; each item says what it is about
// (and when that is gone); acknowledging one with a note takes it out of both and is audited.
const cookie = vi.hoisted(() => ({ sid: null as string | null }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (cookie.sid ? { sid: cookie.sid } : null),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

describe(`drift: the panel, what it is about, acknowledging (${testDbKind()})`, () => {
  const h = setupHarness();
  const sync = () => runSync({ iam: h.clients.iam, sts: h.clients.sts, source: "sandbox" });

  it(
    "counts, links, says what no longer exists, and acknowledges with a note",
    { timeout: 60_000 },
    async () => {
      await sync();
      const mary = await h.t.db.employee.create({
        data: { name: "Mary Major", email: "mary@example.com", iamUserName: "mary" },
      });
      // Out of band: users made (and one removed again) outside Gatehouse, around a request of its own.
      await h.root.iam.send(new CreateUserCommand({ UserName: "intruder" }));
      const request = await createChangeRequest(
        "group.add-member",
        { userName: "mary", groupName: "DevOps" },
        requester,
      );
      await approveRequest(request.id, request.planHash, ada);
      await executeRequest(request.id, ada);
      await h.root.iam.send(new DeleteUserCommand({ UserName: "intruder" }));
      await h.root.iam.send(new CreateUserCommand({ UserName: "visitor" }));
      const synced = await sync();

      const panel = await driftPanel();
      // The toast's count is the panel's: one query.
      expect(await openDriftCount()).toBe(panel.open);
      const visitor = panel.items.find((d) => d.entity === "visitor" && d.change === "created")!;
      expect(visitor.about).toEqual({
        kind: "user",
        name: "visitor",
        href: "/review/person/visitor",
        gone: false,
      });
      // Gatehouse's own change (Mary into DevOps) is not drift.
      expect(panel.items.some((d) => d.about.href === `/people/${mary.id}`)).toBe(false);
      expect(synced.drift.some((d) => d.entity.startsWith("mary"))).toBe(false);
      expect(await h.t.db.driftFinding.count({ where: { explainedBy: request.id } })).toBe(1);

      // An item about a user that is gone says so: visitor deleted, its creation's item remains.
      await h.root.iam.send(new DeleteUserCommand({ UserName: "visitor" }));
      await sync();
      const after = await driftPanel();
      const created = after.items.find((d) => d.entity === "visitor" && d.change === "created")!;
      expect(created.about).toMatchObject({ kind: "user", gone: true, href: null });

      // Acknowledge: a note is required, then it leaves the panel, the count and the badges.
      const before = await openDriftCount();
      const badges = (await driftByPerson()).byUser.get("visitor")!.count;
      await expect(acknowledgeDrift({ id: created.id, note: "  " }, requester)).rejects.toMatchObject({
        code: "INVALID_INPUT",
      });
      await acknowledgeDrift(
        { id: created.id, note: "Contractor account for the audit, removed since" },
        requester,
      );
      expect(await openDriftCount()).toBe(before - 1);
      expect((await driftPanel()).items.map((d) => d.id)).not.toContain(created.id);
      expect((await driftByPerson()).byUser.get("visitor")?.count ?? 0).toBe(badges - 1);
      const entry = await h.t.db.auditEvent.findFirstOrThrow({
        where: { action: "review.drift_acknowledged" },
      });
      expect(entry).toMatchObject({ actor: requester.email, target: "visitor" });
      expect(entry.data).toMatchObject({
        findingId: created.id,
        note: "Contractor account for the audit, removed since",
        summary: expect.stringContaining("visitor"),
      });
      const stored = await h.t.db.driftFinding.findUniqueOrThrow({ where: { id: created.id } });
      expect(stored).toMatchObject({
        acknowledgedBy: requester.email,
        acknowledgeNote: entry.data && expect.any(String),
      });
      // Once only; an explained change is not drift to acknowledge.
      await expect(acknowledgeDrift({ id: created.id, note: "again" }, requester)).rejects.toMatchObject({
        code: "CONFLICT",
      });
      const explained = await h.t.db.driftFinding.findFirstOrThrow({ where: { explainedBy: request.id } });
      await expect(acknowledgeDrift({ id: explained.id, note: "x" }, requester)).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    },
  );

  it("the action is an operator's: refused without a session and for an auditor, writing nothing", async () => {
    const { acknowledgeDriftAction } = await import("@/app/(console)/review/actions");
    const session = async (email: string, role: string) =>
      startSession((await h.t.db.member.create({ data: { email, role } })).id, { method: "credentials" });
    const item = (await driftPanel()).items[0];
    cookie.sid = null;
    expect(await acknowledgeDriftAction({ id: item.id, note: "fine" })).toMatchObject({
      ok: false,
      code: "UNAUTHENTICATED",
    });
    cookie.sid = await session("audrey@example.com", "auditor");
    expect(await acknowledgeDriftAction({ id: item.id, note: "fine" })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(
      (await h.t.db.driftFinding.findUniqueOrThrow({ where: { id: item.id } })).acknowledgedAt,
    ).toBeNull();
    cookie.sid = await session("oscar@example.com", "operator");
    expect(await acknowledgeDriftAction({ id: item.id, note: "" })).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
    });
    expect(await acknowledgeDriftAction({ id: item.id, note: "Known: the audit's user" })).toMatchObject({
      ok: true,
    });
    expect((await h.t.db.driftFinding.findUniqueOrThrow({ where: { id: item.id } })).acknowledgedBy).toBe(
      "oscar@example.com",
    );
  });
});

import { describe, expect, it } from "vitest";
import { setupAppDatabase } from "@/lib/test/app-db";
import { testDbKind } from "@/lib/test/db";
import { AUDIT_ACTIONS, LEGACY_AUDIT_ACTIONS, legacyActionsMatching } from "./actions";
import { audit, verifyChain, type AuditAction } from "./index";
import { listAudit } from "./query";

describe("audit action names", () => {
  it("are unique, and every old name maps to a current one it is not", () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    for (const [old, now] of Object.entries(LEGACY_AUDIT_ACTIONS)) {
      expect(AUDIT_ACTIONS).toContain(now);
      expect(AUDIT_ACTIONS).not.toContain(old);
    }
  });

  it("a filter on a current name also finds the old names of it", () => {
    expect(legacyActionsMatching("team.invited")).toEqual(["team.invite"]);
    expect(legacyActionsMatching("review.")).toEqual([]); // the prefix already matches them
    expect(legacyActionsMatching("review.campaign.signed")).toEqual(["review.campaign.signoff"]);
  });
});

describe(`entries stored under an old name (${testDbKind()})`, () => {
  setupAppDatabase();

  it("keep their name, stay in the chain, and show under the old and the new name", async () => {
    // As written before the rename (the writer no longer accepts the old name).
    await audit({
      actor: "cto@example.com",
      action: "team.invite" as AuditAction,
      target: "ada@example.com",
    });
    await audit({ actor: "cto@example.com", action: "team.invited", target: "bob@example.com" });
    await audit({ actor: "cto@example.com", action: "team.enabled", target: "bob@example.com" });
    expect(await verifyChain()).toMatchObject({ ok: true, entries: 3 });
    const shown = async (action: string) =>
      (await listAudit({ action })).items.map((e) => `${e.action} ${e.target}`);
    expect(await shown("team.invited")).toEqual([
      "team.invited bob@example.com",
      "team.invite ada@example.com",
    ]);
    expect(await shown("team.invite")).toEqual([
      "team.invited bob@example.com",
      "team.invite ada@example.com",
    ]);
    expect(await shown("team.")).toHaveLength(3);
  });

  it("a kind the picker offers matches exactly; other text is a prefix", async () => {
    await audit({ actor: "cto@example.com", action: "request.replanned", target: "user/a" });
    await audit({ actor: "cto@example.com", action: "request.replanned_on_conflict", target: "user/b" });
    const shown = async (action: string) => (await listAudit({ action })).items.map((e) => e.action);
    expect(await shown("request.replanned")).toEqual(["request.replanned"]);
    expect(await shown("request.replan")).toEqual(["request.replanned_on_conflict", "request.replanned"]);
  });
});

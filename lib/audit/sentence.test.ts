import { describe, expect, it } from "vitest";
import type { AuditEntryView } from "./query";
import { AUDIT_ACTIONS } from "./actions";
import { auditKindGroups, auditSentence, kindWords, type AuditLinks } from "./sentence";

const entry = (e: Partial<AuditEntryView>): AuditEntryView => ({
  seq: 1,
  at: "2026-12-03T14:18:00.000Z",
  actor: "admin@example.com",
  action: "request.approved",
  target: null,
  requestId: null,
  data: {},
  hash: "1",
  ...e,
});

const links: AuditLinks = {
  requests: new Map([["req1", { number: 12, summary: "Onboard Sally" }]]),
  people: new Map([
    ["sally", "emp1"],
    ["sally@example.com", "emp1"],
  ]),
};

/** The sentence as the page prints it. */
const text = (e: AuditEntryView) => {
  const s = auditSentence(e, links);
  return s.object ? `${s.actor} ${s.before} ${s.object.label}${s.after}` : `${s.actor} ${s.before}`;
};

describe("auditSentence", () => {
  it("names who, what and the request by number and title, linked", () => {
    const e = entry({ requestId: "req1", target: "user/sally", data: { number: 12 } });
    expect(text(e)).toBe("admin@example.com approved #12 Onboard Sally");
    expect(auditSentence(e, links).object?.href).toBe("/requests/req1");
  });

  it("falls back to the entry's own number and summary for a request it cannot look up", () => {
    const e = entry({
      action: "request.created",
      requestId: "gone",
      data: { number: 3, summary: "Add bob" },
    });
    expect(text(e)).toBe("admin@example.com requested #3 Add bob");
  });

  it("quotes a rejection's reason and a step's title", () => {
    const rejected = entry({ action: "request.rejected", requestId: "req1", data: { reason: "wrong team" } });
    expect(text(rejected)).toBe("admin@example.com rejected #12 Onboard Sally");
    expect(auditSentence(rejected, links).detail).toBe("“wrong team”");
    const step = entry({
      action: "step.done",
      requestId: "req1",
      data: { order: 2, title: "Create user sally" },
    });
    expect(text(step)).toBe("admin@example.com ran a step of #12 Onboard Sally");
    expect(auditSentence(step, links).detail).toBe("step 2: Create user sally");
  });

  it("links a person to their page, a template, a group and a campaign to theirs", () => {
    const linked = auditSentence(entry({ action: "people.account_linked", target: "user/Sally" }), links);
    expect(linked.object).toEqual({ label: "Sally", href: "/people/emp1" });
    const unknown = auditSentence(entry({ action: "people.offboarded", target: "user/zed" }), links);
    expect(unknown.object?.href).toBe("/review/person/zed");
    const template = auditSentence(entry({ action: "template.version_created", target: "s3-read" }), links);
    expect(template.object?.href).toBe("/templates/s3-read");
    const group = auditSentence(entry({ action: "request.created", target: "group/devs" }), links);
    expect(group.object).toEqual({ label: "devs", href: "/groups" });
    const campaign = auditSentence(
      entry({ action: "review.campaign.created", target: "c1", data: { name: "Q4 review" } }),
      links,
    );
    expect(campaign.object).toEqual({ label: "Q4 review", href: "/review/campaigns/c1" });
  });

  it("says 'signed in', not 'signed in as' themselves, and 'Gatehouse' for the app's own loops", () => {
    expect(text(entry({ action: "auth.signed_in", target: "admin@example.com" }))).toBe(
      "admin@example.com signed in",
    );
    expect(text(entry({ action: "request.expired", actor: "system", requestId: "req1" }))).toBe(
      "Gatehouse expired #12 Onboard Sally",
    );
    expect(
      auditSentence(entry({ action: "people.offboarded", actor: "system:offboarding" }), links).actor,
    ).toBe("Gatehouse");
  });

  it("quotes the note of an acknowledged drift item", () => {
    const e = entry({
      action: "review.drift_acknowledged",
      target: "bob",
      data: { summary: "User bob created", note: "Break-glass user, approved by the CTO" },
    });
    expect(text(e)).toBe("admin@example.com acknowledged out-of-band drift on bob");
    expect(auditSentence(e, links).detail).toBe("User bob created · “Break-glass user, approved by the CTO”");
  });

  it("reads an entry stored under an older name as today's kind", () => {
    expect(text(entry({ action: "team.invite", target: "bob@example.com" }))).toBe(
      "admin@example.com invited bob@example.com to the team",
    );
  });

  it("has a phrase without a stray slot for every kind, with or without a target", () => {
    for (const action of AUDIT_ACTIONS) {
      for (const target of [null, "x"]) {
        const s = auditSentence(entry({ action, target }), links);
        expect(`${s.before} ${s.after}`, action).not.toMatch(/\{x\}| as$| of$| to$/);
      }
    }
  });
});

describe("the event-type picker", () => {
  it("groups kinds by domain in words", () => {
    const groups = auditKindGroups(["request.approved", "request.replanned_on_conflict", "team.invited"]);
    expect(groups).toEqual([
      { domain: "request", kinds: ["request.approved", "request.replanned_on_conflict"] },
      { domain: "team", kinds: ["team.invited"] },
    ]);
    expect(kindWords("request.replanned_on_conflict")).toBe("replanned on conflict");
  });
});

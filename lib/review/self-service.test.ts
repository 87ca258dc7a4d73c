import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "@/lib/policy";
import { computeAccess, unreadableByUser, type WhyEntry } from "./access";
import { cellLabel, decodeCell, encodeCell } from "./cells";
import { matrixRows, type PersonLink } from "./matrix-view";
import { personDetail, serviceAccessors } from "./person";
import { isSelfService } from "./self-service";
import type { Snapshot } from "./snapshot-store";
import type { AccountState, UserState } from "./types";

const doc = (statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const OWN_USER = "arn:aws:iam::*:user/${aws:username}";
const OWN_MFA = "arn:aws:iam::*:mfa/${aws:username}";

// AWS's IAMUserChangePassword, and the usual "manage your own MFA and keys" statement.
const changePassword = doc([
  { Effect: "Allow", Action: "iam:ChangePassword", Resource: OWN_USER },
  { Effect: "Allow", Action: "iam:GetAccountPasswordPolicy", Resource: "*" },
]);
const ownCredentials = doc([
  {
    Effect: "Allow",
    Action: [
      "iam:CreateVirtualMFADevice",
      "iam:EnableMFADevice",
      "iam:CreateAccessKey",
      "iam:DeleteAccessKey",
    ],
    Resource: [OWN_USER, OWN_MFA],
  },
]);

function user(name: string, inline: string[]): UserState {
  return {
    name,
    arn: `arn:aws:iam::123456789012:user/${name}`,
    createdAt: null,
    groups: [],
    attached: [],
    inline: inline.map((document, i) => ({ name: `p${i}`, document })),
    tags: {},
    passwordEnabled: true,
    passwordLastUsed: null,
    mfaActive: true,
    accessKeys: [],
    activeCertificates: 0,
  };
}

const state: AccountState = {
  accountId: "123456789012",
  credentialReportAt: null,
  roles: [],
  policies: [],
  groups: [],
  users: [
    // A console user: their own password, MFA and keys.
    user("ann", [changePassword, ownCredentials]),
    // An IAM administrator who also has the self-service policy.
    user("ida", [changePassword, doc([{ Effect: "Allow", Action: "iam:CreateUser", Resource: "*" }])]),
    // Attaching policies to oneself is escalation, not self-service.
    user("eve", [
      changePassword,
      doc([{ Effect: "Allow", Action: "iam:AttachUserPolicy", Resource: OWN_USER }]),
    ]),
    // Someone else's user is not one's own.
    user("tom", [
      doc([{ Effect: "Allow", Action: "iam:ChangePassword", Resource: "arn:aws:iam::*:user/ann" }]),
    ]),
  ],
};
const people: PersonLink[] = ["ann", "ida", "eve", "tom"].map((u) => ({
  name: u[0].toUpperCase() + u.slice(1),
  jobRole: "Ops",
  iamUserName: u,
}));
let snapshot: Snapshot;

beforeAll(async () => {
  snapshot = {
    id: "s1",
    at: new Date(),
    syncedAt: new Date(),
    source: "test",
    accountId: state.accountId,
    counts: {} as Snapshot["counts"],
    state,
    access: computeAccess(state, await loadCatalog()),
    notUnderstood: unreadableByUser(state),
  };
});

const grant = (over: Partial<WhyEntry>): Pick<WhyEntry, "level" | "scope"> => ({
  level: "Write",
  scope: [OWN_USER],
  ...over,
});

describe("self-service IAM grants", () => {
  it("are IAM grants on one's own user or MFA device only, below Permissions management", () => {
    expect(isSelfService("iam", grant({}))).toBe(true);
    expect(isSelfService("iam", grant({ scope: [OWN_USER, OWN_MFA] }))).toBe(true);
    expect(isSelfService("iam", grant({ scope: ["arn:aws:iam::123456789012:user/${aws:username}"] }))).toBe(
      true,
    );
    expect(isSelfService("iam", grant({ scope: ["arn:aws-us-gov:iam::*:mfa/${aws:username}"] }))).toBe(true);
    expect(isSelfService("iam", grant({ level: "Permissions management" }))).toBe(false);
    expect(isSelfService("iam", grant({ scope: "all" }))).toBe(false);
    expect(isSelfService("iam", grant({ scope: { allExcept: [OWN_USER] } }))).toBe(false);
    expect(isSelfService("iam", grant({ scope: [OWN_USER, "arn:aws:iam::*:user/ann"] }))).toBe(false);
    expect(isSelfService("iam", grant({ scope: ["arn:aws:iam::*:user/${aws:username}*"] }))).toBe(false);
    expect(isSelfService("iam", grant({ scope: ["arn:aws:iam::*:role/${aws:username}"] }))).toBe(false);
    expect(isSelfService("s3", grant({}))).toBe(false);
    expect(isSelfService("iam", grant({ scope: [] }))).toBe(false);
  });

  it("show a console user as self-service on IAM (with the Read beside it), not Write", () => {
    const rows = matrixRows(snapshot, people, new Map(), {}, Date.now());
    const col = snapshot.access.services.findIndex((s) => s.service === "iam");
    const cell = (u: string) => rows.find((r) => r.user === u)!.cells[col];
    // GetAccountPasswordPolicy on "*" is Read; ChangePassword and the MFA/key actions are self-service.
    expect(cellLabel(cell("ann"))).toBe("Read + self-service");
    expect(decodeCell(cell("ann"))).toMatchObject({ level: "Read", selfService: true });
    // Real IAM writes keep their level.
    expect(cellLabel(cell("ida"))).toBe("Write");
    // (GetAccountPasswordPolicy on "*" makes the cell "all resources", as any grant of the cell does.)
    expect(cellLabel(cell("eve"))).toBe("Permissions management");
    expect(cellLabel(cell("tom"))).toBe("Write (specific resources)");
  });

  it("count for 'any level' only: who can write to IAM is Ida, Eve and Tom", () => {
    const names = (minLevel?: "Write") =>
      matrixRows(snapshot, people, new Map(), { service: "iam", minLevel }, Date.now()).map((r) => r.user);
    expect(names("Write")).toEqual(["eve", "ida", "tom"]);
    expect(names()).toEqual(["ann", "eve", "ida", "tom"]);
    const writers = serviceAccessors(snapshot, "iam", people).filter((r) => r.level === "Write");
    expect(writers.map((r) => r.user).sort()).toEqual(["ida", "tom"]);
  });

  it("on the person page: the level without them, never beyond the job role", () => {
    const iam = personDetail(snapshot, "ann", people, new Map([["Ops", "Ops"]]))!.services.find(
      (s) => s.service === "iam",
    )!;
    expect(iam).toMatchObject({ level: "Read", selfService: true });
    expect(iam.why.filter((w) => isSelfService("iam", w)).map((w) => w.level)).toEqual(["Write", "Write"]);
  });

  it("self-service alone is its own code", () => {
    const code = encodeCell({ level: null, selfService: true, conditional: false, scope: "some" });
    expect(code).toBe(40);
    expect(decodeCell(code)).toMatchObject({ level: null, selfService: true, scoped: false });
    expect(cellLabel(code)).toBe("self-service");
  });
});

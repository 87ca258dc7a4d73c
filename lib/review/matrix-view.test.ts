import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "@/lib/policy";
import { computeAccess, unreadableByUser } from "./access";
import { matrixCsv, personCsv } from "./csv";
import { matrixRows, type PersonLink } from "./matrix-view";
import { personDetail } from "./person";
import type { Snapshot } from "./snapshot-store";
import type { AccountState, UserState } from "./types";

const NOW = Date.parse("2026-11-27T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW - d * 86_400_000).toISOString();
const doc = (statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

function user(name: string, over: Partial<UserState>): UserState {
  return {
    name,
    arn: `arn:aws:iam::123456789012:user/${name}`,
    createdAt: null,
    groups: [],
    attached: [],
    inline: [],
    tags: {},
    passwordEnabled: false,
    passwordLastUsed: null,
    mfaActive: false,
    accessKeys: [],
    activeCertificates: 0,
    ...over,
  };
}

const state: AccountState = {
  accountId: "123456789012",
  credentialReportAt: null,
  roles: [],
  policies: [
    {
      arn: "arn:aws:iam::123456789012:policy/Ops",
      name: "Ops",
      defaultVersion: "v1",
      versions: ["v1"],
      awsManaged: false,
      document: doc([{ Effect: "Allow", Action: "ec2:StartInstances", Resource: "*" }]),
    },
  ],
  groups: [
    {
      name: "Ops",
      arn: "arn:aws:iam::123456789012:group/Ops",
      attached: [{ name: "Ops", arn: "arn:aws:iam::123456789012:policy/Ops" }],
      inline: [],
    },
  ],
  users: [
    user("ann", { groups: ["Ops"], passwordEnabled: true, passwordLastUsed: daysAgo(1), mfaActive: true }),
    user("bob", {
      groups: ["Ops"],
      passwordEnabled: true,
      accessKeys: [{ active: true, created: daysAgo(200), lastUsed: daysAgo(120) }],
      inline: [
        {
          name: "extra",
          document: doc([
            {
              Effect: "Allow",
              Action: "s3:GetObject",
              Resource: "arn:aws:s3:::reports/*",
              Condition: { Bool: { "aws:MultiFactorAuthPresent": ["true"] } },
            },
          ]),
        },
      ],
    }),
  ],
};
const people: PersonLink[] = [
  { name: "Ann", jobRole: "Ops", iamUserName: "ann" },
  { name: "Bob", jobRole: "Ops", iamUserName: "bob" },
  { name: "Peter", jobRole: "Sales", iamUserName: null },
];
let snapshot: Snapshot;

beforeAll(async () => {
  const access = computeAccess(state, await loadCatalog());
  snapshot = {
    id: "s1",
    at: new Date(NOW),
    syncedAt: new Date(NOW),
    source: "test",
    accountId: state.accountId,
    counts: {} as Snapshot["counts"],
    state,
    access,
    notUnderstood: unreadableByUser(state),
  };
});

describe("matrix rows", () => {
  it("join people, include people without an IAM user, and encode level, condition and scope", () => {
    const rows = matrixRows(snapshot, people, new Map([["bob", 2]]), {}, NOW);
    expect(rows.map((r) => [r.person, r.user])).toEqual([
      ["Ann", "ann"],
      ["Bob", "bob"],
      ["Peter", null],
    ]);
    const col = (s: string) => snapshot.access.services.findIndex((x) => x.service === s);
    expect(rows[0].cells[col("ec2")]).toBe(4); // Write on all resources
    expect(rows[1].cells[col("s3")]).toBe(2 + 10 + 20); // Read, only with MFA, one bucket
    expect(rows[2].cells.every((c) => c === 0)).toBe(true);
    expect(rows[1]).toMatchObject({ drift: 2, keyUnused90: true, passwordNeverUsed: true, mfa: false });
  });

  it("filter as the review page asks", () => {
    const names = (f: Parameters<typeof matrixRows>[3]) =>
      matrixRows(snapshot, people, new Map([["bob", 1]]), f, NOW).map((r) => r.person);
    expect(names({ mfaOff: true })).toEqual(["Bob"]);
    expect(names({ keyUnused: true })).toEqual(["Bob"]);
    expect(names({ drift: true })).toEqual(["Bob"]);
    expect(names({ service: "s3" })).toEqual(["Bob"]);
    expect(names({ service: "ec2", minLevel: "Permissions management" })).toEqual([]);
    expect(names({ access: "none" })).toEqual(["Peter"]);
    expect(names({ q: "pet" })).toEqual(["Peter"]);
    expect(names({ group: "ops" })).toEqual(["Ann", "Bob"]);
  });

  it("the CSV has one line per row, the account on each, and the same cell text", () => {
    const rows = matrixRows(snapshot, people, new Map(), {}, NOW);
    const csv = parse(matrixCsv(rows, snapshot.access.services, snapshot.accountId), {
      columns: true,
    }) as Record<string, string>[];
    expect(csv.map((l) => [l.account, l.person, l.ec2, l.s3])).toEqual([
      ["123456789012", "Ann", "Write", ""],
      ["123456789012", "Bob", "Write", "Read (specific resources, conditional)"],
      ["123456789012", "Peter", "", ""],
    ]);
  });

  it("a person's grants outside their job role's group are beyond the role", () => {
    const bob = personDetail(snapshot, "bob", people, new Map([["Ops", "Ops"]]), NOW)!;
    expect(bob.services.map((s) => [s.service, s.beyondRole])).toEqual([
      ["ec2", false],
      ["s3", true],
    ]);
    expect(bob.unused).toContain("An active access key unused for more than 90 days");
  });

  it("every cell of both CSV exports is spreadsheet-safe, whichever column holds the hostile text (issue 12 #12)", async () => {
    // An inline policy name, a person's name and a job role that a spreadsheet would run (tab and CR first, too).
    const hostile: AccountState = {
      ...state,
      users: [
        user("eve", {
          inline: [
            {
              name: "\t=cmd|' /C calc'!A0",
              document: doc([{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }]),
            },
          ],
        }),
      ],
    };
    const access = computeAccess(hostile, await loadCatalog());
    const snap: Snapshot = { ...snapshot, state: hostile, access };
    const links: PersonLink[] = [
      { name: '\r=HYPERLINK("http://evil.example")', jobRole: "@SUM(1)", iamUserName: "eve" },
    ];
    const unsafe = /^[=+\-@\t\r]/;
    const matrix = parse(
      matrixCsv(matrixRows(snap, links, new Map(), {}, NOW), access.services, snap.accountId),
      {
        relax_column_count: true,
      },
    ) as string[][];
    const person = parse(personCsv(personDetail(snap, "eve", links, new Map(), NOW)!), {
      relax_column_count: true,
    }) as string[][];
    expect(person.some((r) => r.includes("'\t=cmd|' /C calc'!A0"))).toBe(true);
    expect(matrix[1].slice(0, 4)).toEqual([
      "123456789012",
      '\'\r=HYPERLINK("http://evil.example")',
      "eve",
      "'@SUM(1)",
    ]);
    expect(matrix.flat().filter((c) => unsafe.test(c))).toEqual([]);
    expect(person.flat().filter((c) => unsafe.test(c))).toEqual([]);
  });
});

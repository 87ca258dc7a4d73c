import { describe, expect, it } from "vitest";
import { parseCredentialReport as parseReport } from "./credential-report";

// The header and value forms of IAM's credential report (docs: "Getting credential reports").
const HEADER =
  "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active," +
  "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service," +
  "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service," +
  "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";
const ROOT =
  "<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,2026-11-01T10:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A";
const SALLY =
  "sally,arn:aws:iam::123456789012:user/sally,2026-01-05T09:00:00+00:00,true,2026-11-20T08:15:30+00:00,2026-01-05T09:00:00+00:00,N/A,true,true,2026-01-05T09:01:02+00:00,2026-11-26T12:00:00+00:00,us-east-1,s3,false,2026-02-01T00:00:00+00:00,N/A,N/A,N/A,true,2026-03-01T00:00:00+00:00,false,N/A";
const JANE =
  "jane,arn:aws:iam::123456789012:user/jane,2026-04-01T00:00:00+00:00,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A";
const NEVER =
  "mary,arn:aws:iam::123456789012:user/mary,2026-04-01T00:00:00+00:00,true,no_information,2026-04-01T00:00:00+00:00,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A";

describe("parseReport", () => {
  const rows = parseReport([HEADER, ROOT, SALLY, JANE, NEVER].join("\n") + "\n");

  it("leaves out the root account's row", () => {
    expect([...rows.keys()]).toEqual(["sally", "jane", "mary"]);
  });

  it("reads password, MFA, both keys and certificates, with times in the API's ISO form", () => {
    expect(rows.get("sally")).toEqual({
      passwordEnabled: true,
      passwordLastUsed: "2026-11-20T08:15:30.000Z",
      mfaActive: true,
      accessKeys: [
        { active: true, created: "2026-01-05T09:01:02.000Z", lastUsed: "2026-11-26T12:00:00.000Z" },
        { active: false, created: "2026-02-01T00:00:00.000Z", lastUsed: null },
      ],
      activeCertificates: 1,
    });
  });

  it("turns N/A and no_information into no date, and no key into no entry", () => {
    expect(rows.get("jane")).toEqual({
      passwordEnabled: false,
      passwordLastUsed: null,
      mfaActive: false,
      accessKeys: [],
      activeCertificates: 0,
    });
    expect(rows.get("mary")?.passwordLastUsed).toBeNull();
  });

  it("normalises a time with another offset through Date, and reads columns by name, not position", () => {
    const cols = HEADER.split(",");
    const order = [...cols].reverse();
    const values = Object.fromEntries(cols.map((c, i) => [c, SALLY.split(",")[i]]));
    values.password_last_used = "2026-11-20T10:15:30+02:00";
    const csv = [order.join(","), order.map((c) => values[c]).join(",")].join("\n");
    const sally = parseReport(csv).get("sally");
    expect(sally?.passwordLastUsed).toBe("2026-11-20T08:15:30.000Z");
    expect(sally?.accessKeys.map((k) => k.created)).toEqual([
      "2026-01-05T09:01:02.000Z",
      "2026-02-01T00:00:00.000Z",
    ]);
  });

  it("reads a quoted user name holding a comma (IAM allows commas in names)", () => {
    const quoted = SALLY.replace(/^sally,/, '"sal,ly",');
    expect(parseReport([HEADER, quoted].join("\n")).has("sal,ly")).toBe(true);
  });

  it("reads a report that starts with a byte-order mark, and refuses one without a user column", () => {
    expect(parseReport("\uFEFF" + [HEADER, JANE].join("\n")).has("jane")).toBe(true);
    expect(() => parseReport(["name,arn", "jane,arn:aws:iam::123456789012:user/jane"].join("\n"))).toThrow(
      /no user column/,
    );
  });
});

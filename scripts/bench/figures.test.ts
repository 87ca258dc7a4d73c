// The bench:accounts line becomes its rows: the sync against the serial baseline, judged on the
// issue's 10 s target, and the IAM calls per account.
import { describe, expect, it } from "vitest";
import { rowsFor } from "./figures";

describe("rowsFor accounts", () => {
  const line = { sync_ms: 6280, serial_ms: 7033, accounts: 20, users: 20001, calls_per_account: 4 };

  it("names the size, keeps the serial run as baseline and meets the target at or under 10 s", () => {
    const [sync, calls] = rowsFor("accounts", line);
    expect(sync).toMatchObject({
      bench: "accounts",
      figure: "sync 20 accounts, 20,001 users",
      value: 6280,
      baseline: 7033,
      target: "<= 10000",
      pass: true,
    });
    expect(calls).toMatchObject({ value: 4, unit: "calls" });
    expect(rowsFor("accounts", { ...line, sync_ms: 10000 })[0].pass).toBe(true);
  });

  it("misses the target over 10 s", () => {
    expect(rowsFor("accounts", { ...line, sync_ms: 10001 })[0].pass).toBe(false);
  });
});

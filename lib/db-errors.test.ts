import { describe, expect, it } from "vitest";
import { createDb } from "./db";
import { isDatabaseUnavailable } from "./db-errors";

describe("database unavailable", () => {
  it("recognises a PostgreSQL server that is not there", async () => {
    const db = createDb("postgresql://postgres@127.0.0.1:1/gatehouse");
    const error = await db.member.count().then(
      () => null,
      (e: unknown) => e,
    );
    await db.$disconnect().catch(() => undefined);
    expect(error).not.toBeNull();
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it("does not mistake a query bug for an outage", () => {
    expect(
      isDatabaseUnavailable(Object.assign(new Error("Unique constraint failed"), { code: "P2002" })),
    ).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
  });
});

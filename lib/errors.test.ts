import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createDb } from "./db";
import { fieldErrorsOf, invalidInput, isDatabaseUnavailable, isUniqueViolation, UserError } from "./errors";
import { freshDatabase } from "./test/db";

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

describe("unique violations", () => {
  it("recognises the error a real database gives for a duplicate key, and nothing else", async () => {
    const t = await freshDatabase();
    try {
      await t.db.member.create({ data: { email: "twice@example.com" } });
      const error = await t.db.member.create({ data: { email: "twice@example.com" } }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isUniqueViolation(error)).toBe(true);
      expect(isUniqueViolation(new Error("Unique constraint failed"))).toBe(false);
      expect(isUniqueViolation(null)).toBe(false);
      expect(isUniqueViolation(undefined)).toBe(false);
    } finally {
      await t.cleanup();
    }
  });
});

describe("field errors", () => {
  const schema = z.object({
    name: z.string().min(2),
    input: z.object({ userName: z.string().min(1), groups: z.array(z.string().min(1)) }),
  });

  it("keys every message by its dotted path, in order, and the whole input as _", () => {
    const parsed = schema.safeParse({ name: "", input: { userName: "", groups: ["ok", ""] } });
    expect(parsed.success).toBe(false);
    expect(fieldErrorsOf(parsed.error!)).toEqual({
      name: [expect.any(String)],
      "input.userName": [expect.any(String)],
      "input.groups.1": [expect.any(String)],
    });
    const whole = schema.safeParse("not an object");
    expect(Object.keys(fieldErrorsOf(whole.error!))).toEqual(["_"]);
    const twice = z
      .string()
      .min(5, "too short")
      .regex(/^[a-z]+$/, "letters only")
      .safeParse("A1");
    expect(fieldErrorsOf(twice.error!)).toEqual({ _: ["too short", "letters only"] });
  });

  it("a failed parse becomes an INVALID_INPUT UserError carrying those field errors", () => {
    const parsed = schema.safeParse({ name: "x", input: { userName: "u", groups: [] } });
    const error = invalidInput(parsed.error!);
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ code: "INVALID_INPUT", fieldErrors: { name: [expect.any(String)] } });
  });
});

describe("lib/errors.ts", () => {
  it("is a leaf: it imports nothing, so the engine and the web layer can both depend on it", () => {
    const source = readFileSync(path.join(__dirname, "errors.ts"), "utf8");
    expect(source).not.toMatch(/^\s*(import|export \* from|export \{[^}]*\} from)\b/m);
    expect(source).not.toMatch(/\brequire\(/);
  });
});

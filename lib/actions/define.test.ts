import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { setupAppDatabase } from "@/lib/test/app-db";
import { testDbKind } from "@/lib/test/db";
import { startSession } from "@/lib/auth/sessions";
import { UserError } from "@/lib/errors";
import { defineAction } from "./define";

// defineAction against a real database: real members, real sessions (lib/auth/sessions.ts), the
// real role check (lib/auth/session.ts) and, for the writes, the real people action. Two things
// are stubbed because they exist only inside a Next.js request: the cookie read (next-auth's
// getServerSession answers with the session id this test chose, as the signed JWT would) and
// revalidatePath (recorded instead of invalidating a cache that is not there).
const cookie = vi.hoisted(() => ({ sid: null as string | null }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (cookie.sid ? { sid: cookie.sid } : null),
}));
const revalidated = vi.hoisted(() => [] as string[]);
vi.mock("next/cache", () => ({ revalidatePath: (path: string) => void revalidated.push(path) }));

describe(`defineAction (${testDbKind()})`, () => {
  const t = setupAppDatabase();
  const sessions: Record<"auditor" | "operator" | "mustChange", string> = {
    auditor: "",
    operator: "",
    mustChange: "",
  };
  beforeAll(async () => {
    const member = (email: string, role: string, passwordMustChange = false) =>
      t.db.member.create({ data: { email, role, passwordMustChange } });
    sessions.auditor = await startSession((await member("auditor@example.com", "auditor")).id, {
      method: "credentials",
    });
    sessions.operator = await startSession((await member("operator@example.com", "operator")).id, {
      method: "credentials",
    });
    sessions.mustChange = await startSession((await member("new@example.com", "admin", true)).id, {
      method: "credentials",
    });
  });
  beforeEach(() => {
    cookie.sid = null;
    revalidated.length = 0;
  });

  const runs: string[] = [];
  const probe = defineAction({
    name: "people.create", // least role: operator
    input: z.object({ name: z.string().min(2, "Too short"), tags: z.array(z.string().min(1)).default([]) }),
    revalidate: ["/people", "/review"],
    run: async (input, actor) => {
      runs.push(input.name);
      if (input.name === "user-error")
        throw new UserError("That name is taken.", "CONFLICT", { name: ["x"] });
      if (input.name === "bug") throw new Error("connect ECONNREFUSED 10.1.2.3:5432 password=hunter2");
      return { hello: input.name, by: actor.email, tags: input.tags };
    },
  });

  it("refuses a caller without a session, before reading the input or running anything", async () => {
    runs.length = 0;
    expect(await probe({ name: "" })).toEqual({
      ok: false,
      code: "UNAUTHENTICATED",
      error: "Sign in to continue.",
      action: "people.create",
    });
    cookie.sid = "no-such-session";
    expect(await probe({ name: "fine" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(runs).toEqual([]);
    expect(revalidated).toEqual([]);
  });

  it("refuses a role below the registry's, and a one-time password except for the change itself", async () => {
    runs.length = 0;
    cookie.sid = sessions.auditor;
    expect(await probe({ name: "fine" })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
      error: "This needs the operator role; you are auditor.",
      action: "people.create",
    });
    cookie.sid = sessions.mustChange; // an admin, but on a one-time password
    expect(await probe({ name: "fine" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const change = defineAction({
      name: "account.changePassword",
      input: z.object({}),
      run: async (_input, actor) => actor.email,
    });
    expect(await change({})).toEqual({ ok: true, data: "new@example.com" });
    expect(runs).toEqual([]);
    expect(revalidated).toEqual([]);
  });

  it("refuses bad input with field errors by dotted path, runs nothing and revalidates nothing", async () => {
    runs.length = 0;
    cookie.sid = sessions.operator;
    expect(await probe({ name: "x", tags: ["ok", ""] })).toEqual({
      ok: false,
      code: "INVALID_INPUT",
      error: "Check the highlighted fields.",
      fieldErrors: { name: ["Too short"], "tags.1": [expect.any(String)] },
      action: "people.create",
    });
    expect(await (probe as (raw: unknown) => Promise<unknown>)("not an object")).toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { _: [expect.any(String)] },
    });
    expect(runs).toEqual([]);
    expect(revalidated).toEqual([]);
  });

  it("passes a UserError's message on; hides any other error behind a generic one; revalidates neither", async () => {
    cookie.sid = sessions.operator;
    expect(await probe({ name: "user-error" })).toEqual({
      ok: false,
      code: "CONFLICT",
      error: "That name is taken.",
      fieldErrors: { name: ["x"] },
      action: "people.create",
    });
    const hidden = await probe({ name: "bug" });
    expect(hidden).toEqual({
      ok: false,
      code: "INTERNAL",
      error: "Something went wrong. Nothing was changed; try again.",
      action: "people.create",
    });
    expect(JSON.stringify(hidden)).not.toMatch(/ECONNREFUSED|10\.1\.2\.3|hunter2/);
    expect(revalidated).toEqual([]);
  });

  it("on success returns the parsed input's result and revalidates every path, once", async () => {
    cookie.sid = sessions.operator;
    expect(await probe({ name: "fine" })).toEqual({
      ok: true,
      data: { hello: "fine", by: "operator@example.com", tags: [] },
    });
    expect(revalidated).toEqual(["/people", "/review"]);
  });

  it("a revalidate function of the result chooses the paths, or none", async () => {
    cookie.sid = sessions.operator;
    const save = defineAction({
      name: "templates.save",
      input: z.object({ changed: z.boolean() }),
      run: async (input) => ({ saved: input.changed }),
      revalidate: (r) => (r.saved ? "/templates" : null),
    });
    expect(await save({ changed: false })).toEqual({ ok: true, data: { saved: false } });
    expect(revalidated).toEqual([]);
    expect(await save({ changed: true })).toEqual({ ok: true, data: { saved: true } });
    expect(revalidated).toEqual(["/templates"]);
  });

  it("the real people action: bad input writes nothing; good input writes and revalidates /people", async () => {
    const { createEmployeeAction } = await import("@/app/(console)/people/actions");
    cookie.sid = sessions.auditor;
    expect(await createEmployeeAction({ name: "Ada", email: "ada@example.com" })).toMatchObject({
      code: "FORBIDDEN",
    });
    cookie.sid = sessions.operator;
    expect(await createEmployeeAction({ name: "", email: "not an email" })).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
      fieldErrors: { name: ["Enter a name"], email: ["Enter a valid email address"] },
    });
    expect(await t.db.employee.count()).toBe(0);
    expect(revalidated).toEqual([]);

    const created = await createEmployeeAction({ name: "Ada", email: "Ada@Example.com" });
    expect(created).toEqual({ ok: true, data: { id: expect.any(String) } });
    expect(await t.db.employee.findMany({ select: { name: true, email: true } })).toEqual([
      { name: "Ada", email: "ada@example.com" },
    ]);
    expect(revalidated).toEqual(["/people"]);
  });
});

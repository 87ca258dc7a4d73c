import { beforeAll, describe, expect, it } from "vitest";
import { setupAppDatabase } from "@/lib/test/app-db";
import { testDbKind } from "@/lib/test/db";
import { ssoIdentity, ssoSignIn, type SsoIdentity } from "./sso";
import { resetPassword, setSignInMethod, unlinkSso } from "./bootstrap";

// Which member an SSO sign-in becomes, against a real migrated database. The browser journey
// through the real IdP is e2e/sso.spec.ts.

const ISSUER = "https://idp.example.com";
const idp = (over: Partial<SsoIdentity> = {}): SsoIdentity => ({
  issuer: ISSUER,
  subject: "sub-1",
  email: "ada@example.com",
  emailVerified: true,
  ...over,
});

describe(`SSO sign-in (${testDbKind()})`, () => {
  const t = setupAppDatabase();
  beforeAll(async () => {
    await t.db.member.createMany({
      data: [
        { email: "ada@example.com", role: "admin", signInMethod: "sso" },
        { email: "root@example.com", role: "admin", signInMethod: "password", passwordHash: "$argon2id$x" },
        {
          email: "both@example.com",
          role: "operator",
          signInMethod: "sso-or-password",
          passwordHash: "$argon2id$x",
        },
        { email: "off@example.com", role: "auditor", signInMethod: "sso", disabled: true },
        { email: "lax@example.com", role: "auditor", signInMethod: "sso" },
        { email: "race@example.com", role: "auditor", signInMethod: "sso" },
      ],
    });
  });

  const member = (email: string) => t.db.member.findUniqueOrThrow({ where: { email } });
  const refusals = async (reason: string) =>
    (await t.db.auditEvent.findMany({ where: { action: "auth.signin_refused" } })).filter(
      (e) => (e.data as { reason?: string }).reason === reason,
    );

  it("reads iss and sub from the profile, and email_verified only when it is really true", () => {
    expect(ssoIdentity({ iss: ISSUER, sub: "s", email: " Ada@Example.com ", email_verified: true })).toEqual({
      issuer: ISSUER,
      subject: "s",
      email: "ada@example.com",
      emailVerified: true,
    });
    expect(
      ssoIdentity({ iss: ISSUER, sub: "s", email: "a@b.c", email_verified: "true" })?.emailVerified,
    ).toBe(true);
    for (const v of [false, "false", 1, "yes", undefined, null])
      expect(ssoIdentity({ iss: ISSUER, sub: "s", email: "a@b.c", email_verified: v })?.emailVerified).toBe(
        false,
      );
    expect(ssoIdentity({ sub: "s", email: "a@b.c" })).toBeNull();
    expect(ssoIdentity({ iss: ISSUER, email: "a@b.c" })).toBeNull();
  });

  it("refuses an unverified email, even for a member who may use SSO, and binds nothing", async () => {
    await expect(ssoSignIn(idp({ emailVerified: false }))).resolves.toMatchObject({
      ok: false,
      reason: "email_unverified",
    });
    expect(await member("ada@example.com")).toMatchObject({
      ssoIssuer: null,
      ssoSubject: null,
      lastSignInAt: null,
    });
    expect(await refusals("email_unverified")).toHaveLength(1);
  });

  it("binds the IdP identity at the first sign-in and matches on it afterwards, whatever email the IdP claims", async () => {
    const first = await ssoSignIn(idp());
    expect(first).toMatchObject({ ok: true, member: { email: "ada@example.com" } });
    expect(await member("ada@example.com")).toMatchObject({ ssoIssuer: ISSUER, ssoSubject: "sub-1" });
    expect(
      await t.db.auditEvent.count({ where: { action: "auth.sso_linked", target: "ada@example.com" } }),
    ).toBe(1);

    // Same IdP account, a renamed address (even one that is another member's): still Ada.
    await expect(ssoSignIn(idp({ email: "ada.lovelace@example.com" }))).resolves.toMatchObject({
      ok: true,
      member: { email: "ada@example.com" },
    });
    await expect(ssoSignIn(idp({ email: "both@example.com" }))).resolves.toMatchObject({
      ok: true,
      member: { email: "ada@example.com" },
    });
    expect((await member("both@example.com")).ssoSubject).toBeNull();
  });

  it("refuses, and audits, another subject (or another issuer) claiming a bound member's email", async () => {
    await expect(ssoSignIn(idp({ subject: "attacker" }))).resolves.toMatchObject({
      ok: false,
      reason: "identity_mismatch",
      email: "ada@example.com",
    });
    await expect(ssoSignIn(idp({ issuer: "https://other-idp.example.com" }))).resolves.toMatchObject({
      ok: false,
      reason: "identity_mismatch",
    });
    const rows = await refusals("identity_mismatch");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      target: "ada@example.com",
      data: expect.objectContaining({
        method: "oidc",
        issuer: ISSUER,
        subject: "attacker",
        claimedEmail: "ada@example.com",
      }),
    });
    expect(await member("ada@example.com")).toMatchObject({ ssoIssuer: ISSUER, ssoSubject: "sub-1" });
  });

  it("never reaches a password-only member, a disabled one or a stranger", async () => {
    await expect(ssoSignIn(idp({ subject: "s-root", email: "root@example.com" }))).resolves.toMatchObject({
      ok: false,
      reason: "sso_not_allowed",
    });
    await expect(ssoSignIn(idp({ subject: "s-off", email: "off@example.com" }))).resolves.toMatchObject({
      ok: false,
      reason: "disabled",
    });
    await expect(ssoSignIn(idp({ subject: "s-new", email: "nobody@example.com" }))).resolves.toMatchObject({
      ok: false,
      reason: "not_a_member",
    });
    await expect(ssoSignIn(idp({ subject: "s-none", email: null }))).resolves.toMatchObject({
      ok: false,
      reason: "no_email",
    });
    expect(await member("root@example.com")).toMatchObject({ ssoSubject: null, lastSignInAt: null });
    expect(await member("off@example.com")).toMatchObject({ ssoSubject: null });
  });

  it("lets an 'SSO or password' member in through SSO", async () => {
    await expect(ssoSignIn(idp({ subject: "s-both", email: "both@example.com" }))).resolves.toMatchObject({
      ok: true,
      member: { email: "both@example.com" },
    });
  });

  it("stops a bound member whose method no longer allows SSO, or who was disabled", async () => {
    await t.db.member.update({ where: { email: "both@example.com" }, data: { signInMethod: "password" } });
    await expect(ssoSignIn(idp({ subject: "s-both", email: "both@example.com" }))).resolves.toMatchObject({
      ok: false,
      reason: "sso_not_allowed",
    });
    await t.db.member.update({
      where: { email: "both@example.com" },
      data: { signInMethod: "sso-or-password", disabled: true },
    });
    await expect(ssoSignIn(idp({ subject: "s-both", email: "both@example.com" }))).resolves.toMatchObject({
      ok: false,
      reason: "disabled",
    });
  });

  it("with OIDC_ALLOW_UNVERIFIED_EMAIL, takes the unverified email (and still binds)", async () => {
    await expect(
      ssoSignIn(idp({ subject: "s-lax", email: "lax@example.com", emailVerified: false }), {
        allowUnverifiedEmail: true,
      }),
    ).resolves.toMatchObject({ ok: true });
    expect(await member("lax@example.com")).toMatchObject({ ssoSubject: "s-lax" });
    await expect(
      ssoSignIn(idp({ subject: "s-lax-2", email: "lax@example.com", emailVerified: false }), {
        allowUnverifiedEmail: true,
      }),
    ).resolves.toMatchObject({ ok: false, reason: "identity_mismatch" });
  });

  it("binds one identity when two first sign-ins with different subjects race", async () => {
    const results = await Promise.all(
      ["race-a", "race-b", "race-c"].map((subject) => ssoSignIn(idp({ subject, email: "race@example.com" }))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual([
      "identity_mismatch",
      "identity_mismatch",
    ]);
    const winner = ["race-a", "race-b", "race-c"][results.findIndex((r) => r.ok)];
    expect((await member("race@example.com")).ssoSubject).toBe(winner);
  });

  it("the command line can forget a binding, change the method, and a password reset allows passwords", async () => {
    expect(await unlinkSso(t.db, "ada@example.com")).toEqual({ issuer: ISSUER, subject: "sub-1" });
    await expect(ssoSignIn(idp({ subject: "sub-2" }))).resolves.toMatchObject({ ok: true });
    expect(await member("ada@example.com")).toMatchObject({ ssoSubject: "sub-2" });

    const before = await member("ada@example.com");
    await resetPassword(t.db, "ada@example.com");
    expect(await member("ada@example.com")).toMatchObject({
      signInMethod: "sso-or-password",
      passwordHash: expect.stringMatching(/^\$argon2id\$/),
      sessionGeneration: before.sessionGeneration + 1,
    });

    expect(await setSignInMethod(t.db, "ada@example.com", "password")).toBeNull();
    expect(await member("ada@example.com")).toMatchObject({
      signInMethod: "password",
      ssoSubject: null,
      ssoIssuer: null,
    });
    await expect(ssoSignIn(idp({ subject: "sub-2" }))).resolves.toMatchObject({
      ok: false,
      reason: "sso_not_allowed",
    });

    expect(await setSignInMethod(t.db, "ada@example.com", "sso")).toBeNull();
    expect(await member("ada@example.com")).toMatchObject({ signInMethod: "sso", passwordHash: null });
    expect(await setSignInMethod(t.db, "off@example.com", "sso-or-password")).toMatch(/^[A-Za-z0-9]{20}$/);
  });
});

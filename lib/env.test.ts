import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("configuration", () => {
  it("has working defaults for the demo: SQLite under .data and the local sandbox", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe("file:./.data/gatehouse.db");
    expect(env.IAM_MODE).toBe("sandbox");
    expect(env.IAM_SANDBOX_ENDPOINT).toBe("http://127.0.0.1:4580");
  });

  it("trusts no proxy hops unless told, and refuses a bad TRUSTED_PROXY_HOPS", () => {
    expect(parseEnv({}).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseEnv({ TRUSTED_PROXY_HOPS: "2" }).TRUSTED_PROXY_HOPS).toBe(2);
    for (const bad of ["-1", "1.5", "eleven", "11"])
      expect(() => parseEnv({ TRUSTED_PROXY_HOPS: bad })).toThrow(
        /TRUSTED_PROXY_HOPS: must be a whole number from 0 to 10/,
      );
  });

  it("refuses a bad value with a message naming the variable", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(
      /DATABASE_URL: must start with file: \(SQLite\) or postgresql:\/\//,
    );
    expect(() => parseEnv({ IAM_MODE: "prod" })).toThrow(/IAM_MODE/);
    expect(() => parseEnv({ SESSION_MAX_AGE_SECONDS: "10" })).toThrow(/SESSION_MAX_AGE_SECONDS/);
  });

  it("requires all three SSO variables together, and names the missing ones", () => {
    expect(() => parseEnv({ OIDC_ISSUER: "https://idp.example.com" })).toThrow(
      /OIDC_CLIENT_ID: is required when SSO is configured[\s\S]*OIDC_CLIENT_SECRET/,
    );
    expect(
      parseEnv({ OIDC_ISSUER: "https://idp.example.com", OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b" })
        .OIDC_ISSUER,
    ).toBe("https://idp.example.com");
  });

  it("requires a session secret in production, and a long one", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/NEXTAUTH_SECRET: is required in production/);
    expect(() => parseEnv({ NEXTAUTH_SECRET: "short" })).toThrow(
      /NEXTAUTH_SECRET: must be at least 32 characters/,
    );
  });

  it("checks SSO email verification unless OIDC_ALLOW_UNVERIFIED_EMAIL is explicitly true", () => {
    expect(parseEnv({}).OIDC_ALLOW_UNVERIFIED_EMAIL).toBe(false);
    expect(parseEnv({ OIDC_ALLOW_UNVERIFIED_EMAIL: "false" }).OIDC_ALLOW_UNVERIFIED_EMAIL).toBe(false);
    expect(parseEnv({ OIDC_ALLOW_UNVERIFIED_EMAIL: "true" }).OIDC_ALLOW_UNVERIFIED_EMAIL).toBe(true);
    expect(() => parseEnv({ OIDC_ALLOW_UNVERIFIED_EMAIL: "yes" })).toThrow(/OIDC_ALLOW_UNVERIFIED_EMAIL/);
  });

  it("requires an audit key in production, a long one, and long previous keys", () => {
    const secret = "x".repeat(32);
    expect(() => parseEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: secret })).toThrow(
      /AUDIT_KEY: is required in production/,
    );
    expect(() => parseEnv({ AUDIT_KEY: "short" })).toThrow(/AUDIT_KEY: must be at least 32 characters/);
    expect(() => parseEnv({ AUDIT_PREVIOUS_KEYS: `${secret},short` })).toThrow(
      /AUDIT_PREVIOUS_KEYS: every key must be at least 32 characters/,
    );
    expect(parseEnv({ AUDIT_PREVIOUS_KEYS: `${secret}, ${"y".repeat(40)}` }).AUDIT_PREVIOUS_KEYS).toEqual([
      secret,
      "y".repeat(40),
    ]);
    expect(parseEnv({}).AUDIT_ANCHOR_FILE).toBe(".data/audit-anchor.log");
  });
});

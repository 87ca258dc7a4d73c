import { z } from "zod";

// The only reader of process.env in the app. Every variable is validated once; a bad value
// stops the app at start with a message that names the variable.

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

/** A comma-separated list, trimmed and lower-cased; empty entries dropped. */
const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(",")
      .map((x) => x.trim().toLowerCase())
      .filter(Boolean),
  );

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgresql:// (PostgreSQL)")
      .default("file:./.data/gatehouse.db"),
    NEXTAUTH_URL: z.url().default("http://127.0.0.1:3000"),
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    SESSION_MAX_AGE_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(30 * 24 * 3600)
      .default(8 * 3600),
    // How many reverse proxies in front of the app append to X-Forwarded-For. 0: the client
    // address is the TCP peer and X-Forwarded-For is ignored (anyone can send one).
    TRUSTED_PROXY_HOPS: z.coerce
      .number("must be a whole number from 0 to 10")
      .int("must be a whole number from 0 to 10")
      .min(0, "must be a whole number from 0 to 10")
      .max(10, "must be a whole number from 0 to 10")
      .default(0),
    ADMIN_EMAIL: z.email().optional(),
    ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_NAME: z.string().default("SSO"),
    // DANGEROUS: lets an IdP's unverified `email` claim pick the member at a first SSO sign-in
    // (anyone who can set that email at the IdP becomes that member). Only for an IdP that
    // never sends email_verified but does verify every address itself.
    OIDC_ALLOW_UNVERIFIED_EMAIL: bool,
    IAM_MODE: z.enum(["sandbox", "live"]).default("sandbox"),
    IAM_SANDBOX_ENDPOINT: z.url().default("http://127.0.0.1:4580"),
    // The key the app signs its sandbox calls with: the seeded gatehouse-app user's (npm run demo
    // and the e2e stack fetch it). Unset, the app signs as the sandbox's root (the documented
    // example key) and Settings → Connection says so.
    IAM_SANDBOX_ACCESS_KEY_ID: z.string().min(16).optional(),
    IAM_SANDBOX_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    AWS_REGION: z.string().default("us-east-1"),
    // Live mode ignores AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_IAM/_STS and endpoint_url in the shared
    // config unless this is true (e.g. a proxy you run on purpose).
    IAM_ALLOW_CONFIGURED_ENDPOINT: bool,
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    SINGLE_ADMIN_MODE: bool,
    // The least time between two manual syncs (Sync now, Full credential scan), across instances.
    REVIEW_SYNC_COOLDOWN_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
    // The webhook (lib/changes/webhook.ts, lib/security/outbound.ts): if set, the only hosts it
    // may go to; and, for development only, host or host:port entries it may reach over plain
    // http and on loopback/private addresses (a local receiver).
    WEBHOOK_ALLOWED_HOSTS: list,
    WEBHOOK_DEV_HOSTS: list,
    // The audit log's HMAC key (lib/audit/keys.ts), kept outside the database. Required in
    // production; in development it defaults to one generated into .data/audit-key.
    AUDIT_KEY: z.string().min(32, "must be at least 32 characters").optional(),
    // Earlier AUDIT_KEYs, comma-separated, still accepted when verifying entries they signed.
    AUDIT_PREVIOUS_KEYS: z
      .string()
      .optional()
      .transform((v) =>
        (v ?? "")
          .split(",")
          .map((k) => k.trim())
          .filter(Boolean),
      )
      .refine((keys) => keys.every((k) => k.length >= 32), "every key must be at least 32 characters"),
    // Where the audit chain's head is anchored after every write (append-only, outside the database).
    AUDIT_ANCHOR_FILE: z.string().min(1).default(".data/audit-anchor.log"),
  })
  .superRefine((v, ctx) => {
    const oidc = [v.OIDC_ISSUER, v.OIDC_CLIENT_ID, v.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      for (const key of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const) {
        if (!v[key])
          ctx.addIssue({ code: "custom", path: [key], message: "is required when SSO is configured" });
      }
    }
    if (v.NODE_ENV === "production" && !v.NEXTAUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["NEXTAUTH_SECRET"], message: "is required in production" });
    }
    if (v.NODE_ENV === "production" && !v.AUDIT_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["AUDIT_KEY"],
        message: "is required in production (e.g. openssl rand -base64 48)",
      });
    }
  });

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that change process.env (e.g. the SINGLE_ADMIN_MODE break-glass): read it again. */
export function resetEnvCache(): void {
  cached = undefined;
}

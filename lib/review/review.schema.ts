import { z } from "zod";
import { ACCESS_LEVELS } from "@/lib/policy";

const flag = z.preprocess((v) => v === "1" || v === "true" || v === true, z.boolean()).optional();
const text = (max: number) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string().trim().max(max).optional());

/** An AWS account's 12-digit id, when one is picked (absent: the app's own account). */
export const accountParam = z.preprocess(
  (v) => (v === "" || v === null ? undefined : v),
  z
    .string()
    .regex(/^\d{12}$/, "An AWS account id is 12 digits")
    .optional(),
);

/** The review's "All accounts" view: every account's latest snapshot in one matrix. */
export const ALL_ACCOUNTS = "all";

/** Matrix filters, from the query string of the page and of GET /api/review/matrix. */
export const matrixFilterSchema = z.object({
  /** Whose snapshot: an AWS account's id, or "all" (absent: the app's own account). */
  account: z.union([z.literal(ALL_ACCOUNTS), accountParam]),
  /** With "all": only this account's rows. */
  inAccount: accountParam,
  /** With "all": only accounts in this organizational unit (its path, e.g. "/Workloads"), or below it. */
  ou: text(512),
  q: text(100),
  jobRole: text(100),
  group: text(128),
  service: text(64),
  minLevel: z.preprocess((v) => (v === "" ? undefined : v), z.enum(ACCESS_LEVELS).optional()),
  access: z.preprocess(
    (v) => (v === "" || v === "any" ? undefined : v),
    z.enum(["console", "programmatic", "none"]).optional(),
  ),
  mfaOff: flag,
  keyUnused: flag,
  passwordNeverUsed: flag,
  drift: flag,
  /** Only users with a policy Gatehouse cannot evaluate. */
  notUnderstood: flag,
});
export type MatrixFilter = z.infer<typeof matrixFilterSchema>;

export const pageSchema = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

export const syncIntervalSchema = z.object({
  minutes: z.coerce
    .number()
    .int()
    .min(0, "0 turns interval sync off")
    .max(10_080, "At most a week (10,080 minutes)"),
});
/** Snapshot retention: keep N days and at most M snapshots (0 = no limit of that kind). */
export const retentionSchema = z.object({
  days: z.coerce
    .number()
    .int("Whole days")
    .min(0, "0 keeps snapshots of any age")
    .max(3650, "At most 3,650 days (10 years)"),
  max: z.coerce
    .number()
    .int("A whole number")
    .min(0, "0 keeps any number")
    .max(100_000, "At most 100,000 snapshots"),
});
export type Retention = z.infer<typeof retentionSchema>;
export const syncNowSchema = z.object({
  fullCredentialScan: z.boolean().default(false),
  accountId: accountParam,
});

/** "Sync all accounts" takes nothing: every active account is synced. */
export const syncAllSchema = z.object({});

export const campaignCreateSchema = z.object({
  name: z.string().trim().min(3, "Give the campaign a name (3+ characters)").max(120),
});
export const campaignDecisionSchema = z.object({
  campaignId: z.string().min(1),
  person: z.string().trim().min(1).max(128),
  /** The item's account; may be absent only when the campaign reviews one account. */
  accountId: accountParam,
  decision: z.enum(["keep", "revoke"]),
  /** For "revoke": the group whose membership is removed. */
  groupName: z.string().trim().max(128).optional(),
  note: z.string().trim().max(500).optional(),
});
export const campaignSignOffSchema = z.object({ campaignId: z.string().min(1) });

/** Acknowledging one drift item: the finding and why the change is fine (audited). */
export const acknowledgeDriftSchema = z.object({
  id: z.string().min(1).max(64),
  note: z.string().trim().min(1, "Say why this change is fine").max(500),
});

const keyDays = (what: string) =>
  z.coerce
    .number()
    .int("Whole days")
    .min(0, `0 turns the ${what} limit off`)
    .max(3650, "At most 3,650 days (10 years)");

/** The account's access-key policy (lib/review/key-policy.ts): 0 turns a limit off. */
export const keyPolicySchema = z.object({
  maxAgeDays: keyDays("age"),
  maxUnusedDays: keyDays("unused"),
});
export type KeyPolicy = z.infer<typeof keyPolicySchema>;

import type { IAMClient } from "@aws-sdk/client-iam";
import type { Logger } from "pino";
import { callerAccountId } from "@/lib/iam";
import { log } from "@/lib/log";
import { accountIam } from "./account-iam";
import type { AfterRun } from "./after-run";

// What the engine needs from outside, injectable so tests (and the crash-test child process)
// can point it at a sandbox, capture its log, and shorten its timers. The app never calls
// configureChanges: the defaults are the app's own IAM clients and logger.

export type ChangesConfig = {
  /**
   * The IAM client planning reads and step writes go through, for an AWS account (AwsAccount.id);
   * no account (null) is the app's own. A client it cannot give (AssumeRole refused) is an IamError.
   * `fresh`: assume the account's role anew (its cached session was refused).
   */
  iam: (accountId?: string | null, opts?: { fresh?: boolean }) => Promise<IAMClient>;
  logger: () => Logger;
  /** The AWS account the IAM client acts in (for ARNs of customer-managed policies). */
  accountId: () => Promise<string>;
  /** How long an executor's lease lasts without renewal; renewed every third of it. */
  leaseMs: number;
  /** Step-level attempts for retryable errors (on top of the SDK's own retries). */
  stepAttempts: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  /** Steps of one account run at once when their dependencies allow (4 accounts side by side). */
  concurrency: number;
  /**
   * Re-reads what a finished run touched (after-run.ts). The default is lib/review's incremental
   * re-read, imported lazily: lib/review depends on this domain, not the other way round.
   */
  afterRun: AfterRun;
  /**
   * The clock waits are measured by (a Wait step's end, a waiting request's wake-up). Tests move
   * it; leases keep real time, since they guard against real processes.
   */
  now: () => Date;
};

let accountIdOnce: Promise<string> | undefined;

// Asked once per process (STS GetCallerIdentity); a failure is not cached, so the next call retries.
function defaultAccountId(): Promise<string> {
  accountIdOnce ??= (async () => {
    const { iamClients } = await import("@/lib/iam/server");
    const account = await callerAccountId(iamClients().sts);
    if (!account) throw new Error("STS returned no account id");
    return account;
  })().catch((e: unknown) => {
    accountIdOnce = undefined;
    throw e;
  });
  return accountIdOnce;
}

const defaults: ChangesConfig = {
  // Imported lazily: the client modules are server-only and read configuration.
  iam: async (accountId, opts) => {
    const { iamClients } = await import("@/lib/iam/server");
    if (!accountId) return iamClients().iam;
    const { memberClients } = await import("@/lib/aws-accounts");
    return accountIam(accountId, memberClients(), () => iamClients().iam, opts);
  },
  logger: log,
  accountId: defaultAccountId,
  leaseMs: 30_000,
  stepAttempts: 6,
  backoffBaseMs: 250,
  backoffCapMs: 8_000,
  concurrency: 4,
  afterRun: async (touched, ctx) => {
    const { rereadAfterRequest } = await import("@/lib/review");
    await rereadAfterRequest(touched, ctx);
  },
  now: () => new Date(),
};

let current: ChangesConfig = defaults;

export function configureChanges(patch: Partial<ChangesConfig>): void {
  current = { ...current, ...patch };
}

export function resetChangesConfig(): void {
  current = defaults;
}

export function config(): ChangesConfig {
  return current;
}

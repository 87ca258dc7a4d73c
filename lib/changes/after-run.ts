import type { IAMClient } from "@aws-sdk/client-iam";
import type { ChangeStep } from "@/lib/db";
import { config } from "./context";

// After a run, the principals its done steps touched are read again (lib/review's incremental
// re-read), so the People list, the person page and the review show what the request made at
// once instead of at the next full sync. A read, not a write: the engine only says what it
// touched, in which account, with that account's IAM client. It never fails the request.

/** What a request's done steps touched in one account (null = the app's own). */
export interface TouchedAccount {
  accountId: string | null;
  iam: IAMClient;
  users: string[];
  groups: string[];
  roles: string[];
  policies: string[];
}

export type AfterRun = (touched: TouchedAccount[], ctx: { requestId: string }) => Promise<void>;

/** A slow or stuck re-read must not hold the request's ending up; the next sync catches up. */
export const AFTER_RUN_TIMEOUT_MS = 15_000;

const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

/** Users, groups, roles and managed policies named by the done steps, per account. */
export function touchedBy(
  steps: Pick<ChangeStep, "status" | "params" | "result" | "accountId">[],
): Map<string | null, Omit<TouchedAccount, "accountId" | "iam">> {
  const out = new Map<
    string | null,
    { users: Set<string>; groups: Set<string>; roles: Set<string>; policies: Set<string> }
  >();
  for (const s of steps) {
    if (s.status !== "done") continue;
    const p = (s.params ?? {}) as Record<string, unknown>;
    const r = (s.result ?? {}) as Record<string, unknown>;
    let t = out.get(s.accountId);
    if (!t)
      out.set(
        s.accountId,
        (t = { users: new Set(), groups: new Set(), roles: new Set(), policies: new Set() }),
      );
    const add = (set: Set<string>, v: unknown) => str(v) && set.add(str(v)!);
    add(t.users, p.userName);
    add(t.groups, p.groupName);
    add(t.roles, p.roleName);
    add(t.policies, p.policyArn);
    // CreatePolicy names its policy by the ARN IAM gave it.
    add(t.policies, r.arn && String(r.arn).includes(":policy/") ? r.arn : null);
  }
  return new Map(
    [...out].map(([account, t]) => [
      account,
      { users: [...t.users], groups: [...t.groups], roles: [...t.roles], policies: [...t.policies] },
    ]),
  );
}

/**
 * Runs the configured re-read for what the steps touched, bounded by AFTER_RUN_TIMEOUT_MS; a
 * failure or a timeout is logged, never thrown.
 */
export async function rereadTouched(
  requestId: string,
  steps: Parameters<typeof touchedBy>[0],
): Promise<void> {
  const touched = touchedBy(steps);
  if (touched.size === 0) return;
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const accounts = await Promise.all(
      [...touched].map(async ([accountId, t]) => ({ accountId, iam: await config().iam(accountId), ...t })),
    );
    await Promise.race([
      config().afterRun(accounts, { requestId }),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`timed out after ${AFTER_RUN_TIMEOUT_MS} ms`)),
          AFTER_RUN_TIMEOUT_MS,
        );
      }),
    ]);
  } catch (e) {
    config()
      .logger()
      .warn(
        { requestId, ms: Date.now() - started, err: e instanceof Error ? e.message : String(e) },
        "changes: re-reading what the request touched failed; the next sync shows it",
      );
  } finally {
    clearTimeout(timer);
  }
}

import { db } from "@/lib/db";
import { writeSettings } from "@/lib/settings/store";
import { REQUIRE_MFA_TEMPLATE } from "@/lib/templates/shared";
import type { AccountState, UserState } from "./types";
import { keyPolicySchema, type KeyPolicy } from "./review.schema";
import { latestSnapshot } from "./snapshot-store";

// The account's access-key policy (Settings → Credentials): how old an access key may get, and
// how long it may go unused, before Gatehouse proposes to retire it. The defaults are the CIS AWS
// Foundations Benchmark's (rotate keys every 90 days; disable credentials unused for 45 days).
// Everything is read from the review's snapshot (the credential report's created / last-used
// columns and the key ids the sync lists), so the page makes no IAM call of its own.

const KEY_POLICY_KEY = "review.keyPolicy";
export const DEFAULT_KEY_POLICY: KeyPolicy = { maxAgeDays: 90, maxUnusedDays: 45 };
const DAY_MS = 86_400_000;

export async function getKeyPolicy(): Promise<KeyPolicy> {
  const row = await db().setting.findUnique({ where: { key: KEY_POLICY_KEY } });
  const parsed = keyPolicySchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_KEY_POLICY;
}

/** Admin-only (the action's role); audited by the settings store with before and after. */
export async function setKeyPolicy(value: KeyPolicy, actor: string): Promise<KeyPolicy> {
  const policy = keyPolicySchema.parse(value);
  await writeSettings([{ key: KEY_POLICY_KEY, value: policy }], actor, "settings/credentials");
  return policy;
}

/** A request that retires or replaces a key, in the shape createChangeRequest takes. */
export type KeyRequest = { kind: string; input: Record<string, unknown> };

export type KeyProposal = {
  userName: string;
  /** null when the snapshot knows the key only from the credential report (a full scan lists it). */
  accessKeyId: string | null;
  created: string;
  lastUsed: string | null;
  ageDays: number;
  /** Days since the key was last used, or since it was made when it never was. */
  unusedDays: number;
  /** remove: unused past the limit; rotate: in use but older than the limit. */
  kind: "remove" | "rotate";
  reasons: string[];
  /** The request "Request selected" creates (by id, or by creation time when the id is not known). */
  request: KeyRequest;
};

/**
 * The hook for key rotation (issue 17): the request that rotates this key, or null while no
 * rotation kind exists. Until then an old key in use is offered its deactivation (reversible:
 * whatever still uses it fails, and the key can be activated again) instead.
 */
let rotationRequest: (userName: string, accessKeyId: string) => KeyRequest | null = () => null;

/** Plugs in the rotation kind's request (the user.rotate-key helper calls this once). */
export function plugRotation(make: typeof rotationRequest): void {
  rotationRequest = make;
}

/** A key by its id, or (known only from the credential report) by its creation time. */
type KeyRef = { accessKeyId: string } | { created: string };

const retire = (userName: string, key: KeyRef, action: "deactivate" | "delete"): KeyRequest => ({
  kind: "user.retire-key",
  input: { userName, ...key, action },
});

/** The request a proposal creates: removal for an unused key; rotation (or, for now, deactivation) for an old one. */
export function proposedRequest(kind: KeyProposal["kind"], userName: string, key: KeyRef): KeyRequest {
  if (kind === "remove") return retire(userName, key, "delete");
  const rotation = "accessKeyId" in key ? rotationRequest(userName, key.accessKeyId) : null;
  return rotation ?? retire(userName, key, "deactivate");
}

const days = (from: string, now: number) => Math.floor((now - Date.parse(from)) / DAY_MS);

/**
 * Every active access key that breaks the policy, by user name then age (oldest first). A key
 * over both limits is "remove": nothing has used it lately, so nothing breaks when it goes.
 */
export function keyProposals(
  state: Pick<AccountState, "users">,
  policy: KeyPolicy,
  now = Date.now(),
): KeyProposal[] {
  const out: KeyProposal[] = [];
  for (const u of state.users)
    for (const k of u.accessKeys) {
      if (!k.active || !k.created) continue;
      const ageDays = days(k.created, now);
      const unusedDays = days(k.lastUsed ?? k.created, now);
      const unused = policy.maxUnusedDays > 0 && unusedDays > policy.maxUnusedDays;
      const old = policy.maxAgeDays > 0 && ageDays > policy.maxAgeDays;
      if (!unused && !old) continue;
      const reasons = [
        ...(unused
          ? [
              `${k.lastUsed ? `unused for ${unusedDays} days` : `never used in ${unusedDays} days`} (limit ${policy.maxUnusedDays})`,
            ]
          : []),
        ...(old ? [`${ageDays} days old (limit ${policy.maxAgeDays})`] : []),
      ];
      const kind = unused ? "remove" : "rotate";
      out.push({
        userName: u.name,
        accessKeyId: k.id ?? null,
        created: k.created,
        lastUsed: k.lastUsed,
        ageDays,
        unusedDays,
        kind,
        reasons,
        request: proposedRequest(kind, u.name, k.id ? { accessKeyId: k.id } : { created: k.created }),
      });
    }
  return out.sort((a, b) => a.userName.localeCompare(b.userName) || b.ageDays - a.ageDays);
}

export type MfaStatus = {
  /** Signs in to the console (has a password). */
  console: boolean;
  mfaActive: boolean;
  /** Holds the Require MFA policy, directly or through one of their groups. */
  mfaRequired: boolean;
};

/** Each user's MFA standing, read from the snapshot; a console user without MFA is the review's flag. */
export function mfaStatus(state: Pick<AccountState, "users" | "groups">, u: UserState): MfaStatus {
  const holds = (list: { name: string }[]) => list.some((p) => p.name === REQUIRE_MFA_TEMPLATE);
  const groups = state.groups.filter((g) => u.groups.includes(g.name));
  return {
    console: u.passwordEnabled,
    mfaActive: u.mfaActive,
    mfaRequired: holds(u.attached) || groups.some((g) => holds(g.attached)),
  };
}

/** Console users without an MFA device, by name: what the review and People flag. */
export function consoleUsersWithoutMfa(
  state: Pick<AccountState, "users" | "groups">,
): (MfaStatus & { userName: string })[] {
  return state.users
    .filter((u) => u.passwordEnabled && !u.mfaActive)
    .map((u) => ({ userName: u.name, ...mfaStatus(state, u) }))
    .sort((a, b) => a.userName.localeCompare(b.userName));
}

/** The review's flags, from the app's own account's newest snapshot: console users without MFA, keys beyond the policy. */
export async function credentialFlags(): Promise<{ noMfa: number; keys: number } | null> {
  const [snapshot, policy] = await Promise.all([latestSnapshot(), getKeyPolicy()]);
  if (!snapshot) return null;
  return {
    noMfa: consoleUsersWithoutMfa(snapshot.state).length,
    keys: keyProposals(snapshot.state, policy).length,
  };
}

/** One user's MFA standing in the app's own account's newest snapshot (null: not in it). */
export async function mfaStatusOf(userName: string): Promise<MfaStatus | null> {
  const snapshot = await latestSnapshot();
  const user = snapshot?.state.users.find((u) => u.name === userName);
  return snapshot && user ? mfaStatus(snapshot.state, user) : null;
}

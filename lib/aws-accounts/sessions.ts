import { AssumeRoleCommand, type STSClient } from "@aws-sdk/client-sts";

// Member accounts are reached with STS AssumeRole sessions, kept in memory only (never the
// database, a file or the log) and asked for again ~5 minutes before they expire, so a call
// never signs with credentials that lapse mid-flight. One AssumeRole is in flight per role at a
// time: concurrent callers share it.

export type SessionCredentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
};

/** Who Gatehouse becomes in a member account: its role, and the ExternalId the role asks for. */
export type MemberRole = { roleArn: string; externalId: string | null };

/** Every session Gatehouse opens is called this, so the member account's CloudTrail names it. */
export const ROLE_SESSION_NAME = "gatehouse";
export const REFRESH_BEFORE_MS = 5 * 60_000;

export class SessionCache {
  private readonly entries = new Map<
    string,
    { session?: SessionCredentials; pending?: Promise<SessionCredentials> }
  >();

  /** `sts`: the app's own STS client (the caller of AssumeRole); `now`: a clock tests can move. */
  constructor(
    private readonly sts: () => STSClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** A live session for `role`: the cached one unless it expires within 5 minutes. */
  async credentials(role: MemberRole): Promise<SessionCredentials> {
    const key = keyOf(role);
    const entry = this.entries.get(key) ?? {};
    this.entries.set(key, entry);
    if (entry.session && entry.session.expiration.getTime() - this.now() > REFRESH_BEFORE_MS)
      return entry.session;
    entry.pending ??= assume(this.sts(), role).finally(() => (entry.pending = undefined));
    entry.session = await entry.pending;
    return entry.session;
  }

  /** Drops the session (after a removal, or when the role or its ExternalId changed). */
  forget(role: MemberRole): void {
    this.entries.delete(keyOf(role));
  }
}

const keyOf = (role: MemberRole) => `${role.roleArn}\n${role.externalId ?? ""}`;

async function assume(sts: STSClient, role: MemberRole): Promise<SessionCredentials> {
  const out = await sts.send(
    new AssumeRoleCommand({
      RoleArn: role.roleArn,
      RoleSessionName: ROLE_SESSION_NAME,
      ...(role.externalId ? { ExternalId: role.externalId } : {}),
    }),
    { abortSignal: AbortSignal.timeout(10_000) },
  );
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration)
    throw new Error("STS AssumeRole answered without credentials");
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    expiration: c.Expiration,
  };
}

import { pairKeys } from "./keys";
import type { AccountState, UserState } from "./types";

export type DriftEntity =
  | "user"
  | "group"
  | "role"
  | "policy"
  | "policyVersion"
  | "defaultVersion"
  | "groupMembership"
  | "userAttachment"
  | "groupAttachment"
  | "userInline"
  | "groupInline"
  | "accessKey"
  | "loginProfile"
  | "mfa"
  | "sshKey"
  | "serviceCredential"
  | "certificate";

/** One difference between two snapshots. `detail` names the IAM entities, as IAM's params would. */
export interface StateChange {
  entityType: DriftEntity;
  entity: string;
  change: "created" | "removed" | "changed" | "activated" | "deactivated";
  detail: {
    userName?: string;
    groupName?: string;
    policyArn?: string;
    policyName?: string;
    roleName?: string;
    versionId?: string;
    accessKeyId?: string;
    id?: string;
  };
  summary: string;
}

function setDiff<T>(before: T[], after: T[], key: (t: T) => string) {
  const b = new Map(before.map((x) => [key(x), x]));
  const a = new Map(after.map((x) => [key(x), x]));
  return {
    added: [...a].filter(([k]) => !b.has(k)).map(([, v]) => v),
    removed: [...b].filter(([k]) => !a.has(k)).map(([, v]) => v),
    both: [...a].filter(([k]) => b.has(k)).map(([k, v]) => [b.get(k)!, v] as const),
  };
}

const lc = (s: string) => s.toLowerCase();

/** How one list of entities shows in the diff: its key, its name, its IAM params and its summaries. */
interface Facet<T> {
  entityType: DriftEntity;
  entity: (x: T) => string;
  detail: (x: T) => StateChange["detail"];
  created: (x: T) => string;
  removed: (x: T) => string;
  /** Entities on both sides that differ: `changed` with this summary. */
  changed?: { differs: (b: T, a: T) => boolean; summary: (a: T) => string };
}

/** Writes the entities added, removed (and changed) between two lists; returns the pairs on both sides. */
function diffFacet<T>(
  out: StateChange[],
  f: Facet<T>,
  before: readonly T[],
  after: readonly T[],
  key: (x: T) => string,
) {
  const d = setDiff([...before], [...after], key);
  return recordFacet(out, f, d.added, d.removed, d.both);
}

function recordFacet<T, P extends readonly [T, T]>(
  out: StateChange[],
  f: Facet<T>,
  added: readonly T[],
  removed: readonly T[],
  both: readonly P[],
): readonly P[] {
  const push = (x: T, change: StateChange["change"], summary: string) =>
    out.push({ entityType: f.entityType, entity: f.entity(x), change, detail: f.detail(x), summary });
  for (const x of added) push(x, "created", f.created(x));
  for (const x of removed) push(x, "removed", f.removed(x));
  if (f.changed)
    for (const [b, a] of both) if (f.changed.differs(b, a)) push(a, "changed", f.changed.summary(a));
  return both;
}

const docDiffers = (b: { document: string }, a: { document: string }) => b.document !== a.document;

/** Memberships, attachments and inline policies of one user or group: `owner` names it in summaries. */
function principalFacets(who: { userName: string } | { groupName: string }, owner: string) {
  const name = "userName" in who ? who.userName : who.groupName;
  const user = "userName" in who;
  return {
    attached: {
      entityType: user ? "userAttachment" : "groupAttachment",
      entity: (p) => `${name} ← ${p.name}`,
      detail: (p) => ({ ...who, policyArn: p.arn }),
      created: (p) => `${p.name} attached to ${owner}`,
      removed: (p) => `${p.name} detached from ${owner}`,
    } satisfies Facet<{ name: string; arn: string }>,
    inline: {
      entityType: user ? "userInline" : "groupInline",
      entity: (p) => `${name}/${p.name}`,
      detail: (p) => ({ ...who, policyName: p.name }),
      created: (p) => `inline policy ${p.name} put on ${owner}`,
      removed: (p) => `inline policy ${p.name} deleted from ${owner}`,
      changed: { differs: docDiffers, summary: (p) => `inline policy ${p.name} of ${owner} changed` },
    } satisfies Facet<{ name: string; document: string }>,
  };
}

function userChanges(before: UserState, after: UserState, out: StateChange[]): void {
  const userName = after.name;
  diffFacet<string>(
    out,
    {
      entityType: "groupMembership",
      entity: (g) => `${userName} ∈ ${g}`,
      detail: (g) => ({ userName, groupName: g }),
      created: (g) => `${userName} added to group ${g}`,
      removed: (g) => `${userName} removed from group ${g}`,
    },
    before.groups,
    after.groups,
    lc,
  );
  const facets = principalFacets({ userName }, userName);
  diffFacet(out, facets.attached, before.attached, after.attached, (p) => p.arn);
  diffFacet(out, facets.inline, before.inline, after.inline, (p) => p.name);
  if (before.passwordEnabled !== after.passwordEnabled) {
    const change = after.passwordEnabled ? "created" : "removed";
    out.push({
      entityType: "loginProfile",
      entity: userName,
      change,
      detail: { userName },
      summary: `console password ${change} for ${userName}`,
    });
  }
  if (before.mfaActive !== after.mfaActive) {
    out.push({
      entityType: "mfa",
      entity: userName,
      change: after.mfaActive ? "activated" : "deactivated",
      detail: { userName },
      summary: `MFA ${after.mfaActive ? "enabled" : "disabled"} for ${userName}`,
    });
  }
  const keys = pairKeys(before.accessKeys, after.accessKeys);
  const keyName = (k: { id?: string; created: string }) => k.id ?? `key created ${k.created}`;
  recordFacet(
    out,
    {
      entityType: "accessKey",
      entity: (k) => `${userName}/${keyName(k)}`,
      detail: (k) => ({ userName, accessKeyId: k.id }),
      created: (k) => `access key ${keyName(k)} created for ${userName}`,
      removed: (k) => `access key ${keyName(k)} of ${userName} deleted`,
    },
    keys.onlyB,
    keys.onlyA,
    [],
  );
  for (const [b, a] of keys.pairs) {
    if (b.active !== a.active)
      out.push({
        entityType: "accessKey",
        entity: `${userName}/${keyName(a)}`,
        change: a.active ? "activated" : "deactivated",
        detail: { userName, accessKeyId: a.id ?? b.id },
        summary: `access key ${keyName(a)} of ${userName} ${a.active ? "activated" : "deactivated"}`,
      });
  }
  // SSH keys, service credentials and certificates: comparable only when both syncs looked.
  if (before.extras && after.extras) {
    const lists = [
      ["sshKey", "SSH key", before.extras.sshKeys, after.extras.sshKeys],
      [
        "serviceCredential",
        "service credential",
        before.extras.serviceCredentials,
        after.extras.serviceCredentials,
      ],
      ["certificate", "signing certificate", before.extras.certificates, after.extras.certificates],
    ] as const;
    for (const [entityType, label, b, a] of lists)
      diffFacet<{ id: string }>(
        out,
        {
          entityType,
          entity: (x) => `${userName}/${x.id}`,
          detail: (x) => ({ userName, id: x.id }),
          created: (x) => `${label} ${x.id} added for ${userName}`,
          removed: (x) => `${label} ${x.id} of ${userName} removed`,
        },
        b,
        a,
        (x) => x.id,
      );
  }
}

/** Users, groups and roles: known by name, and only created or deleted at this level. */
function named<T extends { name: string }>(
  entityType: "user" | "group" | "role",
  param: "userName" | "groupName" | "roleName",
): Facet<T> {
  return {
    entityType,
    entity: (x) => x.name,
    detail: (x) => ({ [param]: x.name }),
    created: (x) => `${entityType} ${x.name} created`,
    removed: (x) => `${entityType} ${x.name} deleted`,
  };
}

/** Everything that differs between two snapshots of one account. */
export function diffStates(before: AccountState, after: AccountState): StateChange[] {
  const out: StateChange[] = [];
  const users = diffFacet(out, named("user", "userName"), before.users, after.users, (u) => lc(u.name));
  for (const [b, a] of users) userChanges(b, a, out);

  const groups = diffFacet(out, named("group", "groupName"), before.groups, after.groups, (g) => lc(g.name));
  for (const [b, a] of groups) {
    const facets = principalFacets({ groupName: a.name }, `group ${a.name}`);
    diffFacet(out, facets.attached, b.attached, a.attached, (p) => p.arn);
    diffFacet(out, facets.inline, b.inline, a.inline, (p) => p.name);
  }

  diffFacet(out, named("role", "roleName"), before.roles, after.roles, (r) => lc(r.name));

  // AWS managed policies enter and leave the walk as they are attached; only the account's own count.
  const own = (s: AccountState) => s.policies.filter((p) => !p.awsManaged);
  const policies = diffFacet(
    out,
    {
      entityType: "policy",
      entity: (p) => p.name,
      detail: (p) => ({ policyArn: p.arn, policyName: p.name }),
      created: (p) => `managed policy ${p.name} created`,
      removed: (p) => `managed policy ${p.name} deleted`,
    },
    own(before),
    own(after),
    (p) => p.arn,
  );
  for (const [b, a] of policies) {
    diffFacet<string>(
      out,
      {
        entityType: "policyVersion",
        entity: (x) => `${a.name} ${x}`,
        detail: (x) => ({ policyArn: a.arn, versionId: x }),
        created: (x) => `version ${x} of ${a.name} created`,
        removed: (x) => `version ${x} of ${a.name} deleted`,
      },
      b.versions,
      a.versions,
      (x) => x,
    );
    if (b.defaultVersion !== a.defaultVersion)
      out.push({
        entityType: "defaultVersion",
        entity: a.name,
        change: "changed",
        detail: { policyArn: a.arn, versionId: a.defaultVersion },
        summary: `default version of ${a.name} changed from ${b.defaultVersion} to ${a.defaultVersion}`,
      });
  }
  return out;
}

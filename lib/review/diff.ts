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

function userChanges(before: UserState, after: UserState, out: StateChange[]): void {
  const userName = after.name;
  const groups = setDiff(before.groups, after.groups, lc);
  for (const g of groups.added)
    out.push({
      entityType: "groupMembership",
      entity: `${userName} ∈ ${g}`,
      change: "created",
      detail: { userName, groupName: g },
      summary: `${userName} added to group ${g}`,
    });
  for (const g of groups.removed)
    out.push({
      entityType: "groupMembership",
      entity: `${userName} ∈ ${g}`,
      change: "removed",
      detail: { userName, groupName: g },
      summary: `${userName} removed from group ${g}`,
    });
  const att = setDiff(before.attached, after.attached, (p) => p.arn);
  for (const p of att.added)
    out.push({
      entityType: "userAttachment",
      entity: `${userName} ← ${p.name}`,
      change: "created",
      detail: { userName, policyArn: p.arn },
      summary: `${p.name} attached to ${userName}`,
    });
  for (const p of att.removed)
    out.push({
      entityType: "userAttachment",
      entity: `${userName} ← ${p.name}`,
      change: "removed",
      detail: { userName, policyArn: p.arn },
      summary: `${p.name} detached from ${userName}`,
    });
  const inl = setDiff(before.inline, after.inline, (p) => p.name);
  for (const p of inl.added)
    out.push({
      entityType: "userInline",
      entity: `${userName}/${p.name}`,
      change: "created",
      detail: { userName, policyName: p.name },
      summary: `inline policy ${p.name} put on ${userName}`,
    });
  for (const p of inl.removed)
    out.push({
      entityType: "userInline",
      entity: `${userName}/${p.name}`,
      change: "removed",
      detail: { userName, policyName: p.name },
      summary: `inline policy ${p.name} deleted from ${userName}`,
    });
  for (const [b, a] of inl.both)
    if (b.document !== a.document)
      out.push({
        entityType: "userInline",
        entity: `${userName}/${a.name}`,
        change: "changed",
        detail: { userName, policyName: a.name },
        summary: `inline policy ${a.name} of ${userName} changed`,
      });
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
  for (const k of keys.onlyB)
    out.push({
      entityType: "accessKey",
      entity: `${userName}/${keyName(k)}`,
      change: "created",
      detail: { userName, accessKeyId: k.id },
      summary: `access key ${keyName(k)} created for ${userName}`,
    });
  for (const k of keys.onlyA)
    out.push({
      entityType: "accessKey",
      entity: `${userName}/${keyName(k)}`,
      change: "removed",
      detail: { userName, accessKeyId: k.id },
      summary: `access key ${keyName(k)} of ${userName} deleted`,
    });
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
    for (const [entityType, label, b, a] of lists) {
      const d = setDiff<{ id: string }>([...b], [...a], (x) => x.id);
      for (const x of d.added)
        out.push({
          entityType,
          entity: `${userName}/${x.id}`,
          change: "created",
          detail: { userName, id: x.id },
          summary: `${label} ${x.id} added for ${userName}`,
        });
      for (const x of d.removed)
        out.push({
          entityType,
          entity: `${userName}/${x.id}`,
          change: "removed",
          detail: { userName, id: x.id },
          summary: `${label} ${x.id} of ${userName} removed`,
        });
    }
  }
}

/** Everything that differs between two snapshots of one account. */
export function diffStates(before: AccountState, after: AccountState): StateChange[] {
  const out: StateChange[] = [];
  const users = setDiff(before.users, after.users, (u) => lc(u.name));
  for (const u of users.added)
    out.push({
      entityType: "user",
      entity: u.name,
      change: "created",
      detail: { userName: u.name },
      summary: `user ${u.name} created`,
    });
  for (const u of users.removed)
    out.push({
      entityType: "user",
      entity: u.name,
      change: "removed",
      detail: { userName: u.name },
      summary: `user ${u.name} deleted`,
    });
  for (const [b, a] of users.both) userChanges(b, a, out);

  const groups = setDiff(before.groups, after.groups, (g) => lc(g.name));
  for (const g of groups.added)
    out.push({
      entityType: "group",
      entity: g.name,
      change: "created",
      detail: { groupName: g.name },
      summary: `group ${g.name} created`,
    });
  for (const g of groups.removed)
    out.push({
      entityType: "group",
      entity: g.name,
      change: "removed",
      detail: { groupName: g.name },
      summary: `group ${g.name} deleted`,
    });
  for (const [b, a] of groups.both) {
    const groupName = a.name;
    const att = setDiff(b.attached, a.attached, (p) => p.arn);
    for (const p of att.added)
      out.push({
        entityType: "groupAttachment",
        entity: `${groupName} ← ${p.name}`,
        change: "created",
        detail: { groupName, policyArn: p.arn },
        summary: `${p.name} attached to group ${groupName}`,
      });
    for (const p of att.removed)
      out.push({
        entityType: "groupAttachment",
        entity: `${groupName} ← ${p.name}`,
        change: "removed",
        detail: { groupName, policyArn: p.arn },
        summary: `${p.name} detached from group ${groupName}`,
      });
    const inl = setDiff(b.inline, a.inline, (p) => p.name);
    for (const p of inl.added)
      out.push({
        entityType: "groupInline",
        entity: `${groupName}/${p.name}`,
        change: "created",
        detail: { groupName, policyName: p.name },
        summary: `inline policy ${p.name} put on group ${groupName}`,
      });
    for (const p of inl.removed)
      out.push({
        entityType: "groupInline",
        entity: `${groupName}/${p.name}`,
        change: "removed",
        detail: { groupName, policyName: p.name },
        summary: `inline policy ${p.name} deleted from group ${groupName}`,
      });
    for (const [x, y] of inl.both)
      if (x.document !== y.document)
        out.push({
          entityType: "groupInline",
          entity: `${groupName}/${y.name}`,
          change: "changed",
          detail: { groupName, policyName: y.name },
          summary: `inline policy ${y.name} of group ${groupName} changed`,
        });
  }

  const roles = setDiff(before.roles, after.roles, (r) => lc(r.name));
  for (const r of roles.added)
    out.push({
      entityType: "role",
      entity: r.name,
      change: "created",
      detail: { roleName: r.name },
      summary: `role ${r.name} created`,
    });
  for (const r of roles.removed)
    out.push({
      entityType: "role",
      entity: r.name,
      change: "removed",
      detail: { roleName: r.name },
      summary: `role ${r.name} deleted`,
    });

  // AWS managed policies enter and leave the walk as they are attached; only the account's own count.
  const own = (s: AccountState) => s.policies.filter((p) => !p.awsManaged);
  const policies = setDiff(own(before), own(after), (p) => p.arn);
  for (const p of policies.added)
    out.push({
      entityType: "policy",
      entity: p.name,
      change: "created",
      detail: { policyArn: p.arn, policyName: p.name },
      summary: `managed policy ${p.name} created`,
    });
  for (const p of policies.removed)
    out.push({
      entityType: "policy",
      entity: p.name,
      change: "removed",
      detail: { policyArn: p.arn, policyName: p.name },
      summary: `managed policy ${p.name} deleted`,
    });
  for (const [b, a] of policies.both) {
    const v = setDiff(b.versions, a.versions, (x) => x);
    for (const x of v.added)
      out.push({
        entityType: "policyVersion",
        entity: `${a.name} ${x}`,
        change: "created",
        detail: { policyArn: a.arn, versionId: x },
        summary: `version ${x} of ${a.name} created`,
      });
    for (const x of v.removed)
      out.push({
        entityType: "policyVersion",
        entity: `${a.name} ${x}`,
        change: "removed",
        detail: { policyArn: a.arn, versionId: x },
        summary: `version ${x} of ${a.name} deleted`,
      });
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

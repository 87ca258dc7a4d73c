// Who a caller is, from the ARN STS GetCallerIdentity returns for it
// (docs/iam-facts.md#simulating-policies): an IAM user, a role session, the account root, or a
// federated-user session. Pure, so the banner, the page and tests read it the same way.

export type AppIdentity =
  | { kind: "user"; arn: string; partition: string; accountId: string; userName: string; path: string }
  | {
      kind: "assumed-role";
      arn: string;
      partition: string;
      accountId: string;
      roleName: string;
      sessionName: string;
    }
  | { kind: "root"; arn: string; partition: string; accountId: string }
  | { kind: "federated-user"; arn: string; partition: string; accountId: string; userName: string }
  | { kind: "unknown"; arn: string };

const CALLER = /^arn:(aws[a-z-]*):(iam|sts)::(\d{12}):(.+)$/;

export function identityOf(arn: string): AppIdentity {
  const m = CALLER.exec(arn);
  if (!m) return { kind: "unknown", arn };
  const [, partition, service, accountId, resource] = m;
  const base = { arn, partition, accountId };
  if (service === "iam" && resource === "root") return { kind: "root", ...base };
  const user = /^user(\/(?:[^/]+\/)*)([^/]+)$/.exec(resource);
  if (service === "iam" && user) return { kind: "user", ...base, path: user[1], userName: user[2] };
  // A session's ARN names the role without its path; GetRole gives the role's full ARN.
  const session = /^assumed-role\/([^/]+)\/([^/]+)$/.exec(resource);
  if (service === "sts" && session)
    return { kind: "assumed-role", ...base, roleName: session[1], sessionName: session[2] };
  const federated = /^federated-user\/([^/]+)$/.exec(resource);
  if (service === "sts" && federated) return { kind: "federated-user", ...base, userName: federated[1] };
  return { kind: "unknown", arn };
}

/** The identity in words, as Settings → Connection names it. */
export function identityInWords(identity: AppIdentity): string {
  switch (identity.kind) {
    case "user":
      return `IAM user ${identity.userName}${identity.path === "/" ? "" : ` (path ${identity.path})`}`;
    case "assumed-role":
      return `Assumed role ${identity.roleName}, session ${identity.sessionName}`;
    case "root":
      return `The root user of account ${identity.accountId}`;
    case "federated-user":
      return `Federated user ${identity.userName} (a GetFederationToken session)`;
    case "unknown":
      return "A principal Gatehouse does not recognise";
  }
}

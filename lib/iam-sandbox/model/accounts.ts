import type { Tag, State } from "./types";

// The sandbox's accounts (docs/iam-facts.md#organizations): one IAM state per AWS account, and,
// for an organization seed, the AWS Organization that holds them. A single-account seed is a
// management account without an organization, which is what a standalone AWS account is.

export interface OrgUnit {
  /** ou-<root suffix>-<8 characters>, as Organizations makes them */
  id: string;
  name: string;
  /** the root's or another OU's id */
  parentId: string;
  tags: Tag[];
}

export interface OrgAccount {
  id: string;
  name: string;
  email: string;
  parentId: string;
  /** CREATED: made by Organizations (no root password or keys); INVITED: the management account */
  joinedMethod: "CREATED" | "INVITED";
  joined: number;
  tags: Tag[];
}

export interface Organization {
  /** o- and 10 lower-case alphanumerics */
  id: string;
  /** r- and 4 lower-case alphanumerics */
  rootId: string;
  rootTags: Tag[];
  managementAccountId: string;
  /** every account, the management account first; OUs in creation order */
  accounts: OrgAccount[];
  ous: OrgUnit[];
}

export interface Accounts {
  /** the account the root key pair belongs to; a single-account seed's only account */
  management: State;
  /** the organization's other accounts, by id */
  members: Map<string, State>;
  organization?: Organization;
}

export function singleAccount(state: State): Accounts {
  return { management: state, members: new Map() };
}

/** Every account's state, the management account first. */
export function allStates(a: Accounts): State[] {
  return [a.management, ...a.members.values()];
}

export function stateOf(a: Accounts, accountId: string): State | undefined {
  return a.management.accountId === accountId ? a.management : a.members.get(accountId);
}

/**
 * The account a key signs for: the one that holds the user key or the session. Each account
 * keeps its own index (state.keyOwners, state.sessions), so there is no second index to keep in
 * step; a handful of Map lookups per request. Anything else (the root's key, an unknown key with
 * auth off) is the management account's.
 */
export function accountOfKey(a: Accounts, keyId: string | undefined): State {
  if (keyId) for (const s of allStates(a)) if (s.keyOwners.has(keyId) || s.sessions?.has(keyId)) return s;
  return a.management;
}

const MGMT = (o: Organization) => o.managementAccountId;

/** ARNs as Organizations writes them: in the management account, under the organization's id. */
export const orgArn = {
  organization: (o: Organization) => `arn:aws:organizations::${MGMT(o)}:organization/${o.id}`,
  root: (o: Organization) => `arn:aws:organizations::${MGMT(o)}:root/${o.id}/${o.rootId}`,
  ou: (o: Organization, id: string) => `arn:aws:organizations::${MGMT(o)}:ou/${o.id}/${id}`,
  account: (o: Organization, id: string) => `arn:aws:organizations::${MGMT(o)}:account/${o.id}/${id}`,
};

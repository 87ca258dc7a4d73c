import { orgArn, type OrgAccount, type Organization, type OrgUnit } from "../model/accounts";
import type { Tag } from "../model/types";
import { OrganizationsError, type OrgInput } from "./errors";
import { page } from "./paginate";

// The read side of AWS Organizations (docs/iam-facts.md#organizations), on botocore's model of
// organizations 2016-11-28: shapes, id patterns, errors. JSON 1.1 sends timestamps as epoch seconds.

const ROOT_ID = /^r-[0-9a-z]{4,32}$/;
const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
const ACCOUNT_ID = /^\d{12}$/;

export function accountOut(o: Organization, a: OrgAccount) {
  return {
    Id: a.id,
    Arn: orgArn.account(o, a.id),
    Email: a.email,
    Name: a.name,
    Status: "ACTIVE",
    State: "ACTIVE",
    JoinedMethod: a.joinedMethod,
    JoinedTimestamp: a.joined / 1000,
  };
}

const ouOut = (o: Organization, u: OrgUnit) => ({ Id: u.id, Arn: orgArn.ou(o, u.id), Name: u.name });

const rootOut = (o: Organization) => ({ Id: o.rootId, Arn: orgArn.root(o), Name: "Root", PolicyTypes: [] });

/** A string parameter the model requires, checked against its pattern. */
export function idParam(input: OrgInput, name: string, pattern: RegExp): string {
  const value = input[name];
  if (value === undefined || value === null)
    throw OrganizationsError.invalid(
      "INPUT_REQUIRED",
      "You must include a value for all required parameters.",
    );
  if (typeof value !== "string" || !pattern.test(value))
    throw OrganizationsError.invalid(
      "INVALID_PATTERN",
      "You provided a value that doesn't match the required pattern.",
    );
  return value;
}

export const PARENT_ID = new RegExp(`${ROOT_ID.source}|${OU_ID.source}`);
export const CHILD_ID = new RegExp(`${ACCOUNT_ID.source}|${OU_ID.source}`);
export const TAGGABLE_ID = new RegExp(`${ROOT_ID.source}|${ACCOUNT_ID.source}|${OU_ID.source}`);

/** The root or OU a ParentId names; ParentNotFoundException otherwise. */
function parent(o: Organization, input: OrgInput): string {
  const id = idParam(input, "ParentId", PARENT_ID);
  if (id !== o.rootId && !o.ous.some((u) => u.id === id))
    throw new OrganizationsError(
      "ParentNotFoundException",
      "We can't find a root or OU with the ParentId that you specified.",
    );
  return id;
}

function account(o: Organization, id: string): OrgAccount {
  const found = o.accounts.find((a) => a.id === id);
  if (!found)
    throw new OrganizationsError("AccountNotFoundException", "You specified an account that doesn't exist.");
  return found;
}

/** The ARN an operation is authorized on (the service authorization reference's resource types). */
export function resourceArn(o: Organization, id: string): string {
  if (ROOT_ID.test(id)) return orgArn.root(o);
  if (OU_ID.test(id)) return orgArn.ou(o, id);
  return orgArn.account(o, id);
}

type Operation = (o: Organization, input: OrgInput) => Record<string, unknown>;

export const OPERATIONS: Record<string, Operation> = {
  DescribeOrganization: (o) => {
    const mgmt = o.accounts.find((a) => a.id === o.managementAccountId)!;
    return {
      Organization: {
        Id: o.id,
        Arn: orgArn.organization(o),
        FeatureSet: "ALL",
        MasterAccountArn: orgArn.account(o, mgmt.id),
        MasterAccountId: mgmt.id,
        MasterAccountEmail: mgmt.email,
        // Deprecated by AWS (ListRoots tells the policy types); no policy type is enabled here.
        AvailablePolicyTypes: [],
      },
    };
  },
  DescribeAccount: (o, input) => ({
    Account: accountOut(o, account(o, idParam(input, "AccountId", ACCOUNT_ID))),
  }),
  DescribeOrganizationalUnit: (o, input) => {
    const id = idParam(input, "OrganizationalUnitId", OU_ID);
    const ou = o.ous.find((u) => u.id === id);
    if (!ou)
      throw new OrganizationsError(
        "OrganizationalUnitNotFoundException",
        "We can't find an OU with the OrganizationalUnitId that you specified.",
      );
    return { OrganizationalUnit: ouOut(o, ou) };
  },
  ListAccounts: (o, input) => page(input, "Accounts", o.accounts, (a) => accountOut(o, a)),
  ListRoots: (o, input) => page(input, "Roots", [o], rootOut),
  ListAccountsForParent: (o, input) => {
    const id = parent(o, input);
    return page(
      input,
      "Accounts",
      o.accounts.filter((a) => a.parentId === id),
      (a) => accountOut(o, a),
    );
  },
  ListOrganizationalUnitsForParent: (o, input) => {
    const id = parent(o, input);
    return page(
      input,
      "OrganizationalUnits",
      o.ous.filter((u) => u.parentId === id),
      (u) => ouOut(o, u),
    );
  },
  ListChildren: (o, input) => {
    const id = parent(o, input);
    const type = input.ChildType;
    if (type === undefined)
      throw OrganizationsError.invalid(
        "INPUT_REQUIRED",
        "You must include a value for all required parameters.",
      );
    if (type !== "ACCOUNT" && type !== "ORGANIZATIONAL_UNIT")
      throw OrganizationsError.invalid("INVALID_ENUM", "You specified an invalid value.");
    const children =
      type === "ACCOUNT"
        ? o.accounts.filter((a) => a.parentId === id)
        : o.ous.filter((u) => u.parentId === id);
    return page(input, "Children", children, (c) => ({ Id: c.id, Type: type }));
  },
  ListParents: (o, input) => {
    const id = idParam(input, "ChildId", CHILD_ID);
    const child = o.accounts.find((a) => a.id === id) ?? o.ous.find((u) => u.id === id);
    if (!child)
      throw new OrganizationsError(
        "ChildNotFoundException",
        "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.",
      );
    const type = child.parentId === o.rootId ? "ROOT" : "ORGANIZATIONAL_UNIT";
    return page(input, "Parents", [child], (c) => ({ Id: c.parentId, Type: type }));
  },
  // The one write: the account leaves the organization and stands alone. Its IAM (roles and their
  // trust in the management account included) stays, as in AWS; only Organizations forgets it.
  RemoveAccountFromOrganization: (o, input) => {
    const id = idParam(input, "AccountId", ACCOUNT_ID);
    if (id === o.managementAccountId)
      throw new OrganizationsError(
        "MasterCannotLeaveOrganizationException",
        "You can't remove a management account from an organization. If you want the management account to become a member account in another organization, you must first delete the current organization of the management account.",
      );
    account(o, id);
    o.accounts = o.accounts.filter((a) => a.id !== id);
    return {};
  },
  ListTagsForResource: (o, input) => {
    const id = idParam(input, "ResourceId", TAGGABLE_ID);
    const tags: Tag[] | undefined =
      id === o.rootId
        ? o.rootTags
        : (o.accounts.find((a) => a.id === id) ?? o.ous.find((u) => u.id === id))?.tags;
    if (!tags)
      throw new OrganizationsError(
        "TargetNotFoundException",
        "We can't find a root, OU, account, or policy with the TargetId that you specified.",
      );
    // ListTagsForResource takes a NextToken but no MaxResults (botocore's model).
    return page({ NextToken: input.NextToken }, "Tags", tags, (t) => ({ Key: t.Key, Value: t.Value }));
  },
};

/** The id an operation's resource is named by, for authorization ("*" for the organization-wide reads). */
export function resourceIdOf(operation: string, input: OrgInput): string | undefined {
  const key =
    {
      DescribeAccount: "AccountId",
      DescribeOrganizationalUnit: "OrganizationalUnitId",
      RemoveAccountFromOrganization: "AccountId",
      ListParents: "ChildId",
      ListTagsForResource: "ResourceId",
    }[operation] ??
    (["ListAccountsForParent", "ListOrganizationalUnitsForParent", "ListChildren"].includes(operation)
      ? "ParentId"
      : undefined);
  const value = key ? input[key] : undefined;
  return typeof value === "string" ? value : undefined;
}

import {
  ListParentsCommand,
  OrganizationsClient,
  paginateListAccounts,
  paginateListOrganizationalUnitsForParent,
  paginateListRoots,
} from "@aws-sdk/client-organizations";
import { allPages, awsClientConfig, type IamClientOptions } from "@/lib/iam";

// The organization's accounts, read from AWS Organizations with the app's own credentials (the
// management account, or a delegated administrator): ListAccounts for the accounts, the OU tree
// from ListRoots + ListOrganizationalUnitsForParent for the OUs' names (ListParents gives ids
// only), and ListParents for where each account sits. Reads only; lists through the SDK's
// paginators, as lib/iam's reads.

export type OrgAccount = {
  id: string;
  name: string;
  email: string | null;
  /** "/" under the root, "/Workloads/Production" in an OU */
  ouPath: string;
  /** ACTIVE | SUSPENDED | PENDING_CLOSURE … (Organizations' State, or its older Status) */
  state: string;
};

/** An Organizations client configured as the app's other AWS clients (endpoint, region, retries). */
export function organizationsClient(options: IamClientOptions) {
  return new OrganizationsClient(awsClientConfig(options));
}

export async function organizationAccounts(client: OrganizationsClient): Promise<OrgAccount[]> {
  const ouPaths = new Map<string, string>();
  const walk = async (parentId: string, path: string): Promise<void> => {
    ouPaths.set(parentId, path || "/");
    const ous = await allPages(
      paginateListOrganizationalUnitsForParent({ client }, { ParentId: parentId }),
      (p) => p.OrganizationalUnits,
    );
    for (const ou of ous) await walk(ou.Id!, `${path}/${ou.Name}`);
  };
  for (const root of await allPages(paginateListRoots({ client }, {}), (p) => p.Roots))
    await walk(root.Id!, "");

  const accounts = await allPages(paginateListAccounts({ client }, {}), (p) => p.Accounts);
  return boundedMap(accounts, 4, async (a) => {
    const parent = (await client.send(new ListParentsCommand({ ChildId: a.Id! }))).Parents?.[0];
    return {
      id: a.Id!,
      name: a.Name ?? a.Id!,
      email: a.Email ?? null,
      ouPath: (parent?.Id && ouPaths.get(parent.Id)) || "/",
      state: String(a.State ?? a.Status ?? "ACTIVE"),
    };
  });
}

/** `fn` over `items`, at most `limit` at once (Organizations throttles bursts), in order. */
async function boundedMap<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

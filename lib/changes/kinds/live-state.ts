import {
  GetGroupCommand,
  GetUserCommand,
  paginateListGroupsForUser,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { fieldError as missing } from "@/lib/errors";
import { toIamError } from "@/lib/iam/errors";

// Planning reads shared by kinds. A missing entity is the requester's mistake, reported on the
// form field that named it.

export async function requireUser(iam: IAMClient, userName: string, field = "userName"): Promise<void> {
  try {
    await iam.send(new GetUserCommand({ UserName: userName }));
  } catch (e) {
    if (toIamError(e).kind === "not-found") throw missing(field, `There is no IAM user named ${userName}.`);
    throw e;
  }
}

export async function requireGroup(iam: IAMClient, groupName: string, field = "groupName"): Promise<void> {
  try {
    await iam.send(new GetGroupCommand({ GroupName: groupName, MaxItems: 1 }));
  } catch (e) {
    if (toIamError(e).kind === "not-found") throw missing(field, `There is no IAM group named ${groupName}.`);
    throw e;
  }
}

/** The user's groups as IAM spells them. */
export async function groupsOfUser(iam: IAMClient, userName: string): Promise<string[]> {
  const names: string[] = [];
  for await (const page of paginateListGroupsForUser({ client: iam }, { UserName: userName })) {
    for (const g of page.Groups ?? []) if (g.GroupName) names.push(g.GroupName);
  }
  return names;
}

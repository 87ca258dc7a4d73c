import type { AwsAccount } from "@/lib/db";
import { toIamError, userDetail, type IamClients, type UserDetail } from "@/lib/iam";
import { connectionProblem } from "./problems";

// What a person holds in each AWS account Gatehouse manages, read live: the IAM user of their user
// name in every account (companies repeat the name across accounts), with its groups, keys and
// last use. Read per account in parallel; an account Gatehouse cannot reach says why in words
// instead of looking like "no user there".

export type AccountHolding =
  | { account: Pick<AwsAccount, "id" | "name" | "ouPath">; state: "user"; user: UserDetail }
  | { account: Pick<AwsAccount, "id" | "name" | "ouPath">; state: "none" }
  | { account: Pick<AwsAccount, "id" | "name" | "ouPath">; state: "unreachable"; problem: string };

export async function holdingsAcross(
  accounts: readonly AwsAccount[],
  userName: string,
  clientsOf: (account: AwsAccount) => IamClients,
  appPrincipal: string | null = null,
): Promise<AccountHolding[]> {
  return Promise.all(
    accounts.map(async (a): Promise<AccountHolding> => {
      const account = { id: a.id, name: a.name, ouPath: a.ouPath };
      try {
        const user = await userDetail(clientsOf(a).iam, userName);
        return user ? { account, state: "user", user } : { account, state: "none" };
      } catch (e) {
        return { account, state: "unreachable", problem: readProblem(e, a, appPrincipal) };
      }
    }),
  );
}

/**
 * Why an account's IAM could not be read, in words: the session (AssumeRole, in the credential
 * provider) or the IAM read itself failed.
 */
export function readProblem(e: unknown, a: AwsAccount, appPrincipal: string | null): string {
  const err = toIamError(e);
  const raw = (e as { message?: string } | null)?.message ?? "";
  const assuming = err.code !== "AccessDenied" || /sts:AssumeRole/.test(raw);
  return assuming
    ? connectionProblem(e, { roleArn: a.roleArn ?? a.id, appPrincipal, stage: "assume" })
    : `Gatehouse's session in ${a.name} may not read IAM users (${err.code}): the role lacks the app policy.`;
}

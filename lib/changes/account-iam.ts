import type { IAMClient } from "@aws-sdk/client-iam";
import { IamError, toIamError, type IamClients } from "@/lib/iam";

// An account's IAM client for the engine (ChangesConfig.iam): the app's own for the home
// account, the account's AssumeRole session otherwise. The session is asked for here, before
// the client is handed out, so a refused AssumeRole fails the step (or the plan) with the
// sentence the Accounts page uses, naming the account, instead of a bare AccessDenied later.
// lib/aws-accounts is imported lazily: it is server-only, and the engine also runs outside Next.js.

type Role = { roleArn: string; externalId: string | null };
/** lib/aws-accounts' MemberClients (the app's, or a test's on the sandbox). */
type Members = { for(role: Role): IamClients; forget(role: Role): void };

/** Session refusals that a new AssumeRole may cure (the role was deleted and made again, the session revoked). */
export const STALE_SESSION = new Set(["InvalidClientTokenId", "ExpiredToken"]);

export async function accountIam(
  accountId: string,
  members: Members,
  home: () => IAMClient,
  opts: { fresh?: boolean } = {},
): Promise<IAMClient> {
  const { getAccount, connectionProblem } = await import("@/lib/aws-accounts");
  const account = await getAccount(accountId);
  if (!account)
    throw new IamError(
      "not-found",
      "AccountNotInGatehouse",
      `Account ${accountId} is not in Gatehouse (it was removed); add it again on the Accounts page.`,
      null,
      1,
    );
  if (account.source === "home" || !account.roleArn) return home();
  const role = { roleArn: account.roleArn, externalId: account.externalId };
  if (opts.fresh) members.forget(role);
  const { iam } = members.for(role);
  try {
    await iam.config.credentials();
  } catch (e) {
    const problem = connectionProblem(e, { roleArn: role.roleArn, appPrincipal: null, stage: "assume" });
    const { code, kind, requestId } = toIamError(e);
    throw new IamError(kind, code, `${account.name} (${account.id}): ${problem}`, requestId, 1);
  }
  return iam;
}

import "server-only";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { iamClientOptions, iamClients, type IamMode } from "./client";
import { resolvedEndpoints } from "./create-clients";
import { toIamError } from "./errors";
import { identityOf, type AppIdentity } from "./principal";

export type ConnectionStatus = {
  mode: IamMode;
  endpoint: string | null;
  /** Where the app's IAM and STS calls actually go, resolved the way the SDK does for a call. */
  endpoints: { iam: string; sts: string } | null;
  /** Live mode with IAM_ALLOW_CONFIGURED_ENDPOINT: configured endpoints count. */
  configuredEndpointAllowed: boolean;
  reachable: boolean;
  accountId: string | null;
  principalArn: string | null;
  /** What the principal is (an IAM user, a role session, the root), from its ARN. */
  identity: AppIdentity | null;
  problem: string | null;
  checkedAt: string;
};

let cached: { at: number; status: ConnectionStatus } | undefined;

/** Who the app is in IAM, from STS GetCallerIdentity. Cached briefly: the banner asks on every page. */
export async function connectionStatus(opts: { fresh?: boolean } = {}): Promise<ConnectionStatus> {
  const now = Date.now();
  if (!opts.fresh && cached && now - cached.at < (cached.status.reachable ? 60_000 : 5_000))
    return cached.status;
  const { sts, mode, endpoint } = iamClients();
  const options = iamClientOptions();
  const where = {
    endpoint,
    endpoints: await resolvedEndpoints(options).catch(() => null),
    configuredEndpointAllowed: mode === "live" && !!options.allowConfiguredEndpoint,
  };
  let status: ConnectionStatus;
  try {
    const me = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: AbortSignal.timeout(5000) });
    status = {
      mode,
      ...where,
      reachable: true,
      accountId: me.Account ?? null,
      principalArn: me.Arn ?? null,
      identity: me.Arn ? identityOf(me.Arn) : null,
      problem: null,
      checkedAt: new Date().toISOString(),
    };
  } catch (e) {
    status = {
      mode,
      ...where,
      reachable: false,
      accountId: null,
      principalArn: null,
      identity: null,
      problem: describe(e, mode, endpoint),
      checkedAt: new Date().toISOString(),
    };
  }
  cached = { at: now, status };
  return status;
}

function describe(e: unknown, mode: IamMode, endpoint: string | null): string {
  const { code } = toIamError(e);
  if (mode === "sandbox") {
    return `The IAM sandbox is not reachable at ${endpoint}. Start it with \`npm run sandbox\` (npm run demo starts it for you).`;
  }
  if (code === "CredentialsProviderError") {
    return "No AWS credentials were found. Set AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run on an instance with a role.";
  }
  if (code === "ExpiredToken")
    return "The AWS credentials have expired; refresh them (for SSO: aws sso login).";
  if (code === "TimeoutError" || code === "AbortError")
    return "AWS STS did not answer within 5 seconds. Check the network.";
  return `AWS refused the connection check (${(e as { name?: string }).name ?? "error"}).`;
}

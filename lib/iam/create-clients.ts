// The IAM/STS client factory, without "server-only": the app (lib/iam/client.ts), the
// benchmarks and tests build their clients the same way.
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { GetUserCommand, IAMClient } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient, type STSClientConfig } from "@aws-sdk/client-sts";

export type IamMode = "live" | "sandbox";

export type IamClients = {
  iam: IAMClient;
  sts: STSClient;
  /** drift reads IAM's events with LookupEvents (lib/review/trail.ts) */
  cloudTrail: CloudTrailClient;
  mode: IamMode;
  endpoint: string | null;
};

export type SandboxCredentials = { accessKeyId: string; secretAccessKey: string };

/** Fixed keys, or a provider the SDK asks before each signing (e.g. a member account's AssumeRole session). */
export type ClientCredentials = SandboxCredentials | NonNullable<STSClientConfig["credentials"]>;

// The sandbox checks signatures like AWS. Its root key pair is, by default, AWS's documented
// example; the app signs with it only when it was not given the gatehouse-app user's key.
export const SANDBOX_ROOT_CREDENTIALS: SandboxCredentials = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};

export type IamClientOptions = {
  mode: IamMode;
  endpoint?: string;
  /**
   * Whom to sign as. Sandbox mode: default the sandbox's root. Live mode: default the SDK's
   * credential chain; given (a member account's assumed-role provider, lib/aws-accounts), these.
   */
  credentials?: ClientCredentials;
  region?: string;
  maxAttempts?: number;
  allowConfiguredEndpoint?: boolean;
};

/** The configuration every AWS client of the app shares (IAM, STS, CloudTrail, Organizations). */
export function awsClientConfig(opts: IamClientOptions) {
  return {
    region: opts.region ?? "us-east-1",
    maxAttempts: opts.maxAttempts ?? 4,
    retryMode: "adaptive" as const,
    ...(opts.mode === "sandbox"
      ? { endpoint: opts.endpoint, credentials: opts.credentials ?? SANDBOX_ROOT_CREDENTIALS }
      : // Live mode talks to AWS's own endpoints. The SDK would otherwise also take an endpoint
        // from AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_IAM/_STS or endpoint_url in the shared config,
        // silently sending the app's signed IAM calls (and its credentials' signatures) wherever
        // they point. Only IAM_ALLOW_CONFIGURED_ENDPOINT=true lets them count.
        {
          ignoreConfiguredEndpointUrls: !opts.allowConfiguredEndpoint,
          ...(opts.credentials ? { credentials: opts.credentials } : {}),
        }),
  };
}

export function createIamClients(opts: IamClientOptions): IamClients {
  const common = awsClientConfig(opts);
  // Live mode without credentials: the SDK's default chain (env keys, AWS_PROFILE, SSO
  // profiles, instance or task role) decides, exactly as the AWS CLI would.
  return {
    iam: new IAMClient(common),
    sts: new STSClient(common),
    cloudTrail: new CloudTrailClient(common),
    mode: opts.mode,
    endpoint: opts.mode === "sandbox" ? (opts.endpoint ?? null) : null,
  };
}

class Resolved extends Error {
  constructor(readonly url: string) {
    super("endpoint resolved");
  }
}

// Endpoint resolution does not depend on who signs; the SDK only wants some credentials first.
const PROBE_CREDENTIALS = { accessKeyId: "AKIAENDPOINTPROBE000", secretAccessKey: "never-sent" };

/**
 * The endpoints clients made from `opts` send to, resolved exactly as for a real call
 * (configured endpoints and all) but stopped before signing and sending: nothing leaves the
 * process and the real credentials are not needed.
 */
export async function resolvedEndpoints(opts: IamClientOptions): Promise<{ iam: string; sts: string }> {
  const config = { ...awsClientConfig(opts), credentials: PROBE_CREDENTIALS, maxAttempts: 1 };
  const clients = { iam: new IAMClient(config), sts: new STSClient(config) };
  const stop = () => () => async (args: { request: unknown }) => {
    const r = args.request as { protocol: string; hostname: string; port?: number; path: string };
    throw new Resolved(`${r.protocol}//${r.hostname}${r.port ? `:${r.port}` : ""}`);
  };
  const resolve = async (send: (mw: ReturnType<typeof stop>) => Promise<unknown>) => {
    try {
      await send(stop());
    } catch (e) {
      if (e instanceof Resolved) return e.url;
      throw e;
    }
    throw new Error("the request was not stopped");
  };
  const iam = await resolve((mw) => {
    const command = new GetUserCommand({});
    command.middlewareStack.add(mw as never, { step: "build", priority: "low" });
    return clients.iam.send(command);
  });
  const sts = await resolve((mw) => {
    const command = new GetCallerIdentityCommand({});
    command.middlewareStack.add(mw as never, { step: "build", priority: "low" });
    return clients.sts.send(command);
  });
  clients.iam.destroy();
  clients.sts.destroy();
  return { iam, sts };
}

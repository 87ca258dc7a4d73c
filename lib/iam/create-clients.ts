// The IAM/STS client factory, without "server-only": the app (lib/iam/client.ts), the
// benchmarks and tests build their clients the same way.
import { IAMClient } from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";

export type IamMode = "live" | "sandbox";

export type IamClients = { iam: IAMClient; sts: STSClient; mode: IamMode; endpoint: string | null };

// The sandbox accepts any SigV4 credentials; this fixed key id lets it attribute calls to the
// app (as the account root) the way AWS would attribute them to the app's principal.
const SANDBOX_CREDENTIALS = { accessKeyId: "AKIAGATEHOUSE0000APP", secretAccessKey: "gatehouse-sandbox-not-a-secret" };

export function createIamClients(opts: { mode: IamMode; endpoint?: string; region?: string; maxAttempts?: number }): IamClients {
  const region = opts.region ?? "us-east-1";
  const common = {
    region,
    maxAttempts: opts.maxAttempts ?? 4,
    retryMode: "adaptive" as const,
    ...(opts.mode === "sandbox" ? { endpoint: opts.endpoint, credentials: SANDBOX_CREDENTIALS } : {}),
  };
  // Live mode passes no credentials: the SDK's default chain (env keys, AWS_PROFILE, SSO
  // profiles, instance or task role) decides, exactly as the AWS CLI would.
  return {
    iam: new IAMClient(common),
    sts: new STSClient(common),
    mode: opts.mode,
    endpoint: opts.mode === "sandbox" ? (opts.endpoint ?? null) : null,
  };
}

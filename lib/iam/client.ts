import "server-only";
import { IAMClient } from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";
import { env } from "@/lib/env";

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

const globalForIam = globalThis as unknown as { gatehouseIam?: IamClients };

/** The app's IAM and STS clients, built once from configuration. */
export function iamClients(): IamClients {
  if (!globalForIam.gatehouseIam) {
    const e = env();
    globalForIam.gatehouseIam = createIamClients({
      mode: e.IAM_MODE,
      endpoint: e.IAM_MODE === "sandbox" ? e.IAM_SANDBOX_ENDPOINT : undefined,
      region: e.AWS_REGION,
    });
  }
  return globalForIam.gatehouseIam;
}

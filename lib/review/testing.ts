import { IAMClient } from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";

const CREDENTIALS = { accessKeyId: "AKIAGATEHOUSE0000APP", secretAccessKey: "gatehouse-sandbox-not-a-secret" };

/**
 * Sandbox clients for tests and the benchmark, with a counter of the HTTP requests the SDK
 * actually sent (a build-step middleware sees every attempt), by IAM operation.
 */
export function countedSandboxClients(endpoint: string) {
  const sent: Record<string, number> = {};
  const iam = new IAMClient({ region: "us-east-1", endpoint, credentials: CREDENTIALS, maxAttempts: 3 });
  iam.middlewareStack.add(
    (next, context) => async (args) => {
      const op = context.commandName?.replace(/Command$/, "") ?? "unknown";
      sent[op] = (sent[op] ?? 0) + 1;
      return next(args);
    },
    { step: "finalizeRequest", name: "countRequests" },
  );
  const sts = new STSClient({ region: "us-east-1", endpoint, credentials: CREDENTIALS });
  return {
    iam,
    sts,
    sent,
    reset: () => {
      for (const k of Object.keys(sent)) delete sent[k];
    },
  };
}

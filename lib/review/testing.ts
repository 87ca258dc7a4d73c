import { createIamClients } from "@/lib/iam";

/**
 * Sandbox clients configured as the app's, for tests and the benchmark, with a counter of the HTTP requests the SDK
 * actually sent (a build-step middleware sees every attempt), by IAM operation.
 */
export function countedSandboxClients(endpoint: string) {
  const sent: Record<string, number> = {};
  const { iam, sts, cloudTrail } = createIamClients({ mode: "sandbox", endpoint });
  iam.middlewareStack.add(
    (next, context) => async (args) => {
      const op = context.commandName?.replace(/Command$/, "") ?? "unknown";
      sent[op] = (sent[op] ?? 0) + 1;
      return next(args);
    },
    { step: "finalizeRequest", name: "countRequests" },
  );
  return {
    iam,
    sts,
    cloudTrail,
    sent,
    reset: () => {
      for (const k of Object.keys(sent)) delete sent[k];
    },
  };
}

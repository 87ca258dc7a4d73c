import { createIamClients } from "@/lib/iam";
import type { TestDatabase } from "@/lib/test/db";

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

/** One finished step of a recorded change request, as drift's explanations read it. */
export interface FinishedStep {
  op: string;
  params: Record<string, string>;
  result?: Record<string, string>;
  finishedAt: Date;
}

/**
 * A change request that succeeded with these steps, written straight to the database: the
 * record drift explains Gatehouse's own changes from, without running the change.
 */
export function recordFinishedRequest(db: TestDatabase["db"], kind: string, steps: FinishedStep[]) {
  return db.changeRequest.create({
    data: {
      number: 1,
      kind,
      summary: kind,
      requester: "cto@example.com",
      status: "succeeded",
      planHash: "h",
      input: {},
      expiresAt: new Date(Date.now() + 86_400_000),
      steps: {
        create: steps.map((s, i) => ({
          ...s,
          order: i + 1,
          title: s.op,
          dependsOn: [],
          status: "done",
        })),
      },
    },
  });
}

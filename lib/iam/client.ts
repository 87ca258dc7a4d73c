import "server-only";
import { env } from "@/lib/env";
import { createIamClients, type IamClients } from "./create-clients";

export { createIamClients, type IamClients, type IamMode } from "./create-clients";

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

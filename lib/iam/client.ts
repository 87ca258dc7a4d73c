import "server-only";
import { env } from "@/lib/env";
import { createIamClients, type IamClientOptions, type IamClients } from "./create-clients";

export { createIamClients, type IamClients, type IamMode } from "./create-clients";

/** How the app's clients are configured (also used to show the endpoints on Settings → Connection). */
export function iamClientOptions(): IamClientOptions {
  const e = env();
  return {
    mode: e.IAM_MODE,
    endpoint: e.IAM_MODE === "sandbox" ? e.IAM_SANDBOX_ENDPOINT : undefined,
    credentials:
      e.IAM_MODE === "sandbox" && e.IAM_SANDBOX_ACCESS_KEY_ID && e.IAM_SANDBOX_SECRET_ACCESS_KEY
        ? { accessKeyId: e.IAM_SANDBOX_ACCESS_KEY_ID, secretAccessKey: e.IAM_SANDBOX_SECRET_ACCESS_KEY }
        : undefined,
    region: e.AWS_REGION,
    allowConfiguredEndpoint: e.IAM_ALLOW_CONFIGURED_ENDPOINT,
  };
}

const globalForIam = globalThis as unknown as { gatehouseIam?: IamClients };

/** The app's IAM and STS clients, built once from configuration. */
export function iamClients(): IamClients {
  globalForIam.gatehouseIam ??= createIamClients(iamClientOptions());
  return globalForIam.gatehouseIam;
}

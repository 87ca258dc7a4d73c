import type { RootCredentials } from "./auth/authenticate";
import { SandboxServer, type SandboxAdmin, type SandboxOptions } from "./server";

export { sandboxAdmin, sandboxAppCredentials, recordSandboxUsage } from "./admin-client";
export type {
  AppCredentials,
  SandboxAccountHealth,
  SandboxAdmin,
  SandboxHealth,
  SandboxOptions,
} from "./server";
export { EXAMPLE_ORG_ACCOUNTS } from "./seeds/example-org";
export type { FaultConfig } from "./faults";
export type { SeedSpec, GeneratorSpec } from "./seeds";
export type { State } from "./model/types";
export { EXAMPLE_ROOT_CREDENTIALS, type RootCredentials } from "./auth/authenticate";

export interface Sandbox {
  /** e.g. http://127.0.0.1:4580 — pass as `endpoint` to the AWS SDK clients */
  url: string;
  port: number;
  /** the bearer token for /_sandbox/* (SandboxOptions.adminToken, or generated at start) */
  adminToken: string;
  /** the account root's key pair (it signs as root when SandboxOptions.auth is "on") */
  rootCredentials: RootCredentials;
  close(): Promise<void>;
  admin: SandboxAdmin;
}

/** Starts the IAM sandbox on loopback; port 0 picks a free port. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const server = new SandboxServer(options);
  const address = await server.listen();
  const host = options.host ?? "127.0.0.1";
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    adminToken: server.adminToken,
    rootCredentials: server.rootCredentials,
    close: () => server.close(),
    admin: server.admin,
  };
}

import { startSandbox, type Sandbox, type SandboxOptions } from "@/lib/iam-sandbox";

// Test support for the app across an organization: the sandbox on a seed with the app's own
// configuration pointed at it (signing as the seeded gatehouse-app, as the demo runs), and the
// organization's own way into a member account for what a test changes outside Gatehouse.

/** The sandbox, with the app configured to use it. Call before the app's env() is first read. */
export async function sandboxForApp(options: SandboxOptions = { seed: "example-org" }): Promise<Sandbox> {
  const sandbox = await startSandbox({ port: 0, ...options });
  const app = sandbox.admin.appCredentials()!;
  process.env.IAM_MODE = "sandbox";
  process.env.IAM_SANDBOX_ENDPOINT = sandbox.url;
  process.env.IAM_SANDBOX_ACCESS_KEY_ID = app.accessKeyId;
  process.env.IAM_SANDBOX_SECRET_ACCESS_KEY = app.secretAccessKey;
  return sandbox;
}

export {
  boto3GetUser,
  deleteRole,
  deleteUser,
  organizationAdmin,
  restoreRole,
  rootOf,
  type DeletedRole,
} from "./organization";

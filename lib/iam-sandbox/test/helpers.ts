import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  IAMClient,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { STSClient, type Credentials as StsCredentials } from "@aws-sdk/client-sts";
import { Sha256 } from "@smithy/core/checksum";
import { HttpRequest } from "@smithy/core/protocols";
import { SignatureV4 } from "@smithy/signature-v4";
import { createServer } from "node:net";
import { generateSync } from "otplib";
import { afterAll, beforeAll, expect } from "vitest";
import { EXAMPLE_ROOT_CREDENTIALS, startSandbox, type Sandbox, type SandboxOptions } from "../index";

export type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/**
 * IAM and STS clients for a sandbox; `url` may be a function, read on each call. They sign as
 * `as`, by default the account root (AWS's documented example key pair).
 */
export function clients(url: string | (() => string), as: Credentials = EXAMPLE_ROOT_CREDENTIALS) {
  const config = {
    endpoint: typeof url === "string" ? url : async () => ({ url: new URL(url()) }),
    region: "us-east-1",
    credentials: as,
    // Retries would hide the exact error and triple LimitExceeded/Throttling calls
    // (docs/iam-facts.md#consistency-and-retries).
    maxAttempts: 1,
  };
  return { iam: new IAMClient(config), sts: new STSClient(config) };
}

export async function sandboxWithClients(
  options: SandboxOptions = {},
): Promise<{ sandbox: Sandbox } & ReturnType<typeof clients>> {
  const sandbox = await startSandbox({ port: 0, ...options });
  return { sandbox, ...clients(sandbox.url) };
}

/**
 * One sandbox for the whole test file: started before its first test, closed after its last.
 * The clients exist at once, so a file can begin with `const { iam } = sandboxForFile()`;
 * they ask `sandbox()` for its address on each call, which beforeAll has made known by then.
 */
export function sandboxForFile(options: SandboxOptions = {}) {
  let started: Sandbox | undefined;
  beforeAll(async () => {
    started = await startSandbox({ port: 0, ...options });
  });
  afterAll(() => started?.close());
  const sandbox = (): Sandbox => {
    if (!started)
      throw new Error("sandboxForFile(): the sandbox starts in beforeAll, use it in a test or hook");
    return started;
  };
  return { sandbox, ...clients(() => sandbox().url) };
}

/** A port that was free a moment ago, for a server that cannot be told to pick one (port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Asserts the IAM error code and HTTP status, returns the message. The SDK names modelled
 * errors after their class (NoSuchEntityException for code NoSuchEntity), others by code.
 */
export async function expectIamError(
  promise: Promise<unknown>,
  name: string,
  status: number,
): Promise<string> {
  try {
    await promise;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    const code =
      err.name.endsWith("Exception") && err.name !== name ? err.name.slice(0, -"Exception".length) : err.name;
    expect({ code, status: err.$metadata?.httpStatusCode }).toEqual({ code: name, status });
    return err.message;
  }
  throw new Error(`expected ${name} (${status}), but the call succeeded`);
}

/** Something that stops an entity's deletion while it hangs on the entity. */
export interface DeleteBlocker {
  hang: () => Promise<unknown>;
  /** AWS's DeleteConflict message while it hangs */
  message: string;
  takeOff: () => Promise<unknown>;
}

/**
 * Hangs each blocker on the entity in turn, expects `deleteEntity` to be refused with its
 * DeleteConflict message, and takes it off again; with all of them off, the entity is deleted.
 */
export async function expectDeleteBlockedBy(
  deleteEntity: () => Promise<unknown>,
  blockers: DeleteBlocker[],
): Promise<void> {
  for (const { hang, message, takeOff } of blockers) {
    await hang();
    expect(await expectIamError(deleteEntity(), "DeleteConflict", 409)).toBe(message);
    await takeOff();
  }
  await deleteEntity();
}

export function doc(statement: object | object[], version = "2012-10-17"): string {
  return JSON.stringify({ Version: version, Statement: statement });
}

export const allow = (action: string | string[], resource: string | string[] = "*") => ({
  Effect: "Allow",
  Action: action,
  Resource: resource,
});

/**
 * A raw awsQuery call, for inputs the SDK would never send: POSTed as a form body, or with GET as
 * the query string. Signed (SigV4, service iam) as `as`, by default the root; `as: null` sends it
 * unsigned.
 */
export async function rawCall(
  url: string,
  form: string,
  opts: { as?: Credentials | null; method?: "GET" | "POST" } = {},
) {
  const method = opts.method ?? "POST";
  const target = new URL(url + "/");
  const headers: Record<string, string> = { host: target.host };
  if (method === "POST") headers["content-type"] = "application/x-www-form-urlencoded";
  const query = method === "GET" ? Object.fromEntries(new URLSearchParams(form)) : {};
  const as = opts.as === undefined ? EXAMPLE_ROOT_CREDENTIALS : opts.as;
  const signed = as
    ? await new SignatureV4({ credentials: as, region: "us-east-1", service: "iam", sha256: Sha256 }).sign(
        new HttpRequest({
          method,
          protocol: "http:",
          hostname: target.hostname,
          port: Number(target.port),
          path: "/",
          query,
          headers,
          body: method === "POST" ? form : undefined,
        }),
      )
    : { headers };
  const res = await fetch(method === "GET" ? `${target}?${form}` : target, {
    method,
    headers: signed.headers,
    body: method === "POST" ? form : undefined,
  });
  return {
    status: res.status,
    text: await res.text(),
    requestId: res.headers.get("x-amzn-requestid"),
    contentType: res.headers.get("content-type"),
  };
}

/** An inline policy letting a user read only their own user (a policy variable in Resource). */
export const READ_SELF_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "iam:GetUser", Resource: "arn:aws:iam::*:user/${aws:username}" }],
});

/** A new user, with an inline policy when given, and the credentials of its new access key. */
export async function userWithKey(iam: IAMClient, UserName: string, policy?: string): Promise<Credentials> {
  await iam.send(new CreateUserCommand({ UserName }));
  if (policy) await iam.send(new PutUserPolicyCommand({ UserName, PolicyName: "p", PolicyDocument: policy }));
  const { AccessKey: k } = await iam.send(new CreateAccessKeyCommand({ UserName }));
  return { accessKeyId: k!.AccessKeyId!, secretAccessKey: k!.SecretAccessKey! };
}

/** The credentials an STS answer (GetSessionToken, AssumeRole) hands out, for `clients`. */
export function sessionCredentials(c: StsCredentials | undefined): Credentials {
  return {
    accessKeyId: c!.AccessKeyId!,
    secretAccessKey: c!.SecretAccessKey!,
    sessionToken: c!.SessionToken!,
  };
}

/**
 * Gives a user a new virtual MFA device, enabled with two consecutive codes as a person would.
 * `code(n)` is the device's code n steps after the one before now: 0 and 1 enabled it, 1 and 2
 * are what GetSessionToken or AssumeRole accept for the next half minute.
 */
export async function virtualMfaFor(
  iam: IAMClient,
  UserName: string,
): Promise<{ serial: string; code: (step: number) => string }> {
  const d = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `${UserName}-mfa` }));
  const serial = d.VirtualMFADevice!.SerialNumber!;
  const seed = Buffer.from(d.VirtualMFADevice!.Base32StringSeed!).toString("ascii");
  const first = Math.floor(Date.now() / 30_000) - 1;
  const code = (n: number) => generateSync({ secret: seed, epoch: (first + n) * 30 });
  await iam.send(
    new EnableMFADeviceCommand({
      UserName,
      SerialNumber: serial,
      AuthenticationCode1: code(0),
      AuthenticationCode2: code(1),
    }),
  );
  return { serial, code };
}

/** The account every single-account seed (and example-org's management account) has. */
export const ACCT = "123456789012";

/** A policy document of these statements. */
export const policyDoc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });

/**
 * sandboxForFile, for tests about who is calling: `as(credentials)` gives clients signing with
 * them, `root()` the account root's.
 */
export function signedSandboxForFile(options: SandboxOptions = {}) {
  const { sandbox } = sandboxForFile(options);
  const as = (c: Credentials) => clients(sandbox().url, c);
  return { sandbox, as, root: () => as(EXAMPLE_ROOT_CREDENTIALS) };
}

/** The environment the AWS CLI (and boto3) read their credentials from, signing as `as`. */
export function awsCliEnv(as: Credentials = EXAMPLE_ROOT_CREDENTIALS): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_ACCESS_KEY_ID: as.accessKeyId,
    AWS_SECRET_ACCESS_KEY: as.secretAccessKey,
    ...(as.sessionToken ? { AWS_SESSION_TOKEN: as.sessionToken } : {}),
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_PAGER: "",
    // nothing from the machine's own AWS configuration
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
  };
}

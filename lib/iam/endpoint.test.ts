import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "@/lib/iam-sandbox";
import { createIamClients, resolvedEndpoints, SANDBOX_ROOT_CREDENTIALS } from "./create-clients";

// Live mode must talk to AWS, not to whatever AWS_ENDPOINT_URL* or the shared config's
// endpoint_url names. The stand-in for "somewhere else" is a real server: the IAM sandbox.
const VARS = [
  "AWS_ENDPOINT_URL",
  "AWS_ENDPOINT_URL_IAM",
  "AWS_ENDPOINT_URL_STS",
  "AWS_CONFIG_FILE",
  "AWS_SHARED_CREDENTIALS_FILE",
  "AWS_PROFILE",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
];

describe("live mode ignores configured endpoints unless allowed", () => {
  let sandbox: Sandbox;
  let dir: string;
  const saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]));
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: "example-company" });
    dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-endpoint-"));
  });
  afterEach(() => {
    for (const v of VARS)
      if (saved[v] === undefined) delete process.env[v];
      else process.env[v] = saved[v];
  });
  afterAll(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const AWS = { iam: "https://iam.amazonaws.com", sts: "https://sts.us-east-1.amazonaws.com" };
  const live = (allowConfiguredEndpoint = false) => ({
    mode: "live" as const,
    region: "us-east-1",
    maxAttempts: 1,
    allowConfiguredEndpoint,
  });

  it("AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_IAM and AWS_ENDPOINT_URL_STS", async () => {
    for (const v of ["AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_IAM", "AWS_ENDPOINT_URL_STS"])
      process.env[v] = sandbox.url;
    expect(await resolvedEndpoints(live())).toEqual(AWS);
  });

  it("endpoint_url in the shared config, per profile and per service", async () => {
    const file = path.join(dir, "config-ignored");
    writeFileSync(
      file,
      `[profile gh]\nendpoint_url = ${sandbox.url}\nservices = local\n\n[services local]\niam =\n  endpoint_url = ${sandbox.url}\nsts =\n  endpoint_url = ${sandbox.url}\n`,
    );
    process.env.AWS_CONFIG_FILE = file;
    process.env.AWS_PROFILE = "gh";
    expect(await resolvedEndpoints(live())).toEqual(AWS);
  });

  it("honours them with IAM_ALLOW_CONFIGURED_ENDPOINT, and the calls really go there", async () => {
    process.env.AWS_ENDPOINT_URL = sandbox.url;
    // the sandbox root's key pair (AWS's documented example), found by the default chain
    process.env.AWS_ACCESS_KEY_ID = SANDBOX_ROOT_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = SANDBOX_ROOT_CREDENTIALS.secretAccessKey;
    expect(await resolvedEndpoints(live(true))).toEqual({ iam: sandbox.url, sts: sandbox.url });
    expect((await createIamClients(live(true)).sts.send(new GetCallerIdentityCommand({}))).Account).toBe(
      "123456789012",
    );
  });

  it("sandbox mode uses its own endpoint whatever is configured", async () => {
    process.env.AWS_ENDPOINT_URL = "https://elsewhere.example";
    expect(await resolvedEndpoints({ mode: "sandbox", endpoint: sandbox.url })).toEqual({
      iam: sandbox.url,
      sts: sandbox.url,
    });
  });
});

import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "./index";
import { awsCliEnv } from "./test/helpers";

const run = promisify(execFile);
let sandbox: Sandbox;
let hasCli = true;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: "example-company" });
  hasCli = await run("aws", ["--version"]).then(
    () => true,
    () => false,
  );
});
afterAll(() => sandbox.close());

/** The AWS CLI, unchanged, pointed at the sandbox with its root's documented example key pair. */
async function aws(...args: string[]): Promise<{ json: unknown; code: number; stderr: string }> {
  const env = awsCliEnv();
  try {
    const { stdout, stderr } = await run(
      "aws",
      ["--endpoint-url", sandbox.url, "--output", "json", ...args],
      { env },
    );
    return { json: stdout.trim() ? JSON.parse(stdout) : undefined, code: 0, stderr };
  } catch (e) {
    const err = e as { code: number; stderr: string };
    return { json: undefined, code: err.code, stderr: err.stderr };
  }
}

describe.runIf(process.env.SKIP_AWS_CLI !== "1").concurrent("AWS CLI v1 against the sandbox", () => {
  it("lists users, paginating transparently", async () => {
    if (!hasCli) return;
    const { json } = await aws("iam", "list-users", "--page-size", "2");
    expect((json as { Users: { UserName: string }[] }).Users.map((u) => u.UserName)).toEqual([
      "gatehouse-app",
      "jane",
      "john",
      "maria",
      "mary",
      "sally",
    ]);
  });

  it("decodes policy documents into JSON objects", async () => {
    if (!hasCli) return;
    const { json } = await aws(
      "iam",
      "get-policy-version",
      "--policy-arn",
      "arn:aws:iam::123456789012:policy/DevOpsAccess",
      "--version-id",
      "v1",
    );
    const version = (json as { PolicyVersion: { Document: { Version: string; Statement: unknown[] } } })
      .PolicyVersion;
    expect(typeof version.Document).toBe("object");
    expect(version.Document.Version).toBe("2012-10-17");
  });

  it("reports IAM errors the way AWS does", async () => {
    if (!hasCli) return;
    const res = await aws("iam", "delete-user", "--user-name", "sally");
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain(
      "(DeleteConflict) when calling the DeleteUser operation: Cannot delete entity, must delete login profile first.",
    );
    const sts = await aws("sts", "get-caller-identity");
    expect(sts.json).toMatchObject({ Account: "123456789012", Arn: "arn:aws:iam::123456789012:root" });
  });
});

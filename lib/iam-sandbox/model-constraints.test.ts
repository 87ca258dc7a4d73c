import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { sandboxForFile } from "./test/helpers";

// Every field of every answer the sandbox gives, checked by boto3 against the constraints of the
// IAM service model botocore ships (required members, lengths, patterns, enums). A strict client
// refuses to send back an id that breaks them, so such an id can make a user impossible to
// offboard from Python (test/model_constraints.py says how).

const { sandbox } = sandboxForFile({ seed: "example-company" });
const here = path.dirname(new URL(import.meta.url).pathname);

describe("the sandbox's answers against the IAM service model", () => {
  it("break no constraint of the model, and hand out ids boto3 accepts back", async () => {
    const { stdout } = await promisify(execFile)("python3", [
      path.join(here, "test", "model_constraints.py"),
      sandbox().url,
      path.join(here, "test", "fixtures"),
    ]);
    const report = JSON.parse(stdout.trim().split("\n").at(-1)!) as { calls: number; violations: string[] };
    expect(report.violations).toEqual([]);
    expect(report.calls).toBeGreaterThan(100);
  }, 60_000);
});

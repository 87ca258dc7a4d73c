import { CreateUserCommand, GetAccountSummaryCommand } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { sandboxWithClients } from "./test/helpers";

describe("generated orgs larger than AWS allows (scale benchmarks only)", () => {
  it("raise the sandbox's UsersPerAccount quota to their size, and say so in the account summary", async () => {
    const { sandbox, iam } = await sandboxWithClients({
      seed: { users: 5200, groups: 10, policies: 20, seed: 3 },
    });
    try {
      const summary = (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap!;
      expect(summary.Users).toBe(5200);
      expect(summary.UsersQuota).toBe(5200);
      await expect(iam.send(new CreateUserCommand({ UserName: "one-too-many" }))).rejects.toMatchObject({
        name: "LimitExceededException",
      });
    } finally {
      await sandbox.close();
    }
  });

  it("leave ordinary accounts at AWS's 5,000", async () => {
    const { sandbox, iam } = await sandboxWithClients({ seed: "empty" });
    try {
      expect((await iam.send(new GetAccountSummaryCommand({}))).SummaryMap!.UsersQuota).toBe(5000);
    } finally {
      await sandbox.close();
    }
  });
});

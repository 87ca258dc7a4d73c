import { CreateVirtualMFADeviceCommand, EnableMFADeviceCommand, GetUserCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { generateSync } from "otplib";
import { beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_ROOT_CREDENTIALS } from "./index";
import {
  READ_SELF_POLICY,
  clients,
  expectIamError,
  sandboxForFile,
  userWithKey,
  type Credentials,
} from "./test/helpers";

// GetSessionToken against a sandbox that checks signatures: the temporary credentials it hands
// out sign as the user who asked, only with their session token, and only until they expire.

const { sandbox } = sandboxForFile({ auth: "on" });

const clientsFor = (credentials: Credentials) => clients(sandbox().url, credentials);
const root = () => clientsFor(EXAMPLE_ROOT_CREDENTIALS);
let sally: Credentials;

beforeAll(async () => {
  sally = await userWithKey(root().iam, "sally", READ_SELF_POLICY);
});

async function sessionOf(
  creds: Credentials,
  input: ConstructorParameters<typeof GetSessionTokenCommand>[0] = {},
) {
  const { Credentials: c } = await clientsFor(creds).sts.send(new GetSessionTokenCommand(input));
  return {
    accessKeyId: c!.AccessKeyId!,
    secretAccessKey: c!.SecretAccessKey!,
    sessionToken: c!.SessionToken!,
    expiration: c!.Expiration!,
  };
}

describe("GetSessionToken", () => {
  it("hands out ASIA credentials for 12 hours by default that sign as the user", async () => {
    const before = Date.now();
    const s = await sessionOf(sally);
    expect(s.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(s.secretAccessKey).toHaveLength(40);
    expect(s.expiration.getTime() - before).toBeGreaterThan(43_190_000);
    expect(s.expiration.getTime() - before).toBeLessThanOrEqual(43_201_000);
    const asSession = clientsFor(s);
    expect((await asSession.sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(
      "arn:aws:iam::123456789012:user/sally",
    );
    expect((await asSession.iam.send(new GetUserCommand({}))).User!.UserName).toBe("sally");
  });

  it("refuses the session's key without its token or with another, and a session asking for another", async () => {
    const s = await sessionOf(sally);
    await expectIamError(
      clientsFor({ ...s, sessionToken: undefined }).iam.send(new GetUserCommand({})),
      "InvalidClientTokenId",
      403,
    );
    await expectIamError(
      clientsFor({ ...s, sessionToken: `${s.sessionToken}x` }).iam.send(new GetUserCommand({})),
      "InvalidClientTokenId",
      403,
    );
    expect(
      await expectIamError(clientsFor(s).sts.send(new GetSessionTokenCommand({})), "AccessDenied", 403),
    ).toBe("Cannot call GetSessionToken with session credentials");
  });

  it("stops accepting a session once it has expired", async () => {
    const s = await sessionOf(sally, { DurationSeconds: 900 });
    await clientsFor(s).iam.send(new GetUserCommand({}));
    sandbox().admin.state().sessions!.get(s.accessKeyId)!.expires = Date.now() - 1; // 15 minutes later
    await expectIamError(clientsFor(s).iam.send(new GetUserCommand({})), "ExpiredToken", 403);
  });

  it("takes durations from 900 s to 36 h (the root at most 1 h)", async () => {
    await expectIamError(
      clientsFor(sally).sts.send(new GetSessionTokenCommand({ DurationSeconds: 899 })),
      "ValidationError",
      400,
    );
    await expectIamError(
      clientsFor(sally).sts.send(new GetSessionTokenCommand({ DurationSeconds: 129_601 })),
      "ValidationError",
      400,
    );
    await sessionOf(sally, { DurationSeconds: 129_600 });
    await expectIamError(
      root().sts.send(new GetSessionTokenCommand({ DurationSeconds: 7_200 })),
      "ValidationError",
      400,
    );
    const rootSession = await sessionOf(EXAMPLE_ROOT_CREDENTIALS, { DurationSeconds: 3_600 });
    expect((await clientsFor(rootSession).sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(
      "arn:aws:iam::123456789012:root",
    );
  });

  it("checks an MFA code against the user's own device", async () => {
    const d = await root().iam.send(
      new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "sally-phone" }),
    );
    const serial = d.VirtualMFADevice!.SerialNumber!;
    const seed = Buffer.from(d.VirtualMFADevice!.Base32StringSeed!).toString("ascii");
    const step = Math.floor(Date.now() / 30_000) - 1;
    const code = (n: number) => generateSync({ secret: seed, epoch: (step + n) * 30 });
    await root().iam.send(
      new EnableMFADeviceCommand({
        UserName: "sally",
        SerialNumber: serial,
        AuthenticationCode1: code(0),
        AuthenticationCode2: code(1),
      }),
    );
    const accepted = [0, 1, 2].map(code); // the current step and one either side
    const wrong = ["000000", "111111", "222222", "333333"].find((c) => !accepted.includes(c))!;
    await expectIamError(
      clientsFor(sally).sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: wrong })),
      "AccessDenied",
      403,
    );
    const s = await sessionOf(sally, { SerialNumber: serial, TokenCode: code(1) });
    expect(sandbox().admin.state().sessions!.get(s.accessKeyId)!.mfa).toBe(true);
  });
});

import { readFileSync } from "node:fs";
import path from "node:path";
import {
  AttachUserPolicyCommand,
  AddUserToGroupCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateServiceSpecificCredentialCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  PutUserPolicyCommand,
  UploadSigningCertificateCommand,
  UploadSSHPublicKeyCommand,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { generateSync } from "otplib";

// A user with everything that can hang on an IAM user, created through the SDK as an outside
// admin would: the offboarding tests, the e2e journey and the bench all start from it.

const fixtures = path.resolve(__dirname, "../../iam-sandbox/test/fixtures");
const fixture = (name: string) => readFileSync(path.join(fixtures, name), "utf8");

export const LOADED_GROUPS = ["DevOps", "WebDevelopers", "MobileDevelopers"];
export const LOADED_POLICIES = [
  "arn:aws:iam::aws:policy/ReadOnlyAccess",
  "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
];
export const LOADED_INLINE = ["extra-sqs", "extra-logs"];

/** Two consecutive TOTP codes, as a person reads them off an authenticator app. */
function consecutiveCodes(seed: string): [string, string] {
  const step = Math.floor(Date.now() / 30_000) - 1;
  return [
    generateSync({ secret: seed, epoch: step * 30 }),
    generateSync({ secret: seed, epoch: (step + 1) * 30 }),
  ];
}

const inline = (action: string) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: "*" }] });

/**
 * 2 access keys, a console password, an enabled virtual MFA device, an SSH key, a signing
 * certificate (`cert` 1–3: certificates are unique per account), a service-specific credential,
 * 3 groups (the example company's), 2 attached and 2 inline policies.
 */
export async function createLoadedUser(
  iam: IAMClient,
  userName: string,
  cert: 1 | 2 | 3 = 1,
): Promise<{ accessKeyIds: string[]; mfaSerial: string }> {
  await iam.send(new CreateUserCommand({ UserName: userName }));
  const accessKeyIds: string[] = [];
  for (let i = 0; i < 2; i++)
    accessKeyIds.push(
      (await iam.send(new CreateAccessKeyCommand({ UserName: userName }))).AccessKey!.AccessKeyId!,
    );
  await iam.send(
    new CreateLoginProfileCommand({
      UserName: userName,
      Password: "Offboard-Me-Passw0rd!",
      PasswordResetRequired: false,
    }),
  );
  const device = (
    await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `${userName}-phone` }))
  ).VirtualMFADevice!;
  const [code1, code2] = consecutiveCodes(Buffer.from(device.Base32StringSeed!).toString("ascii"));
  await iam.send(
    new EnableMFADeviceCommand({
      UserName: userName,
      SerialNumber: device.SerialNumber!,
      AuthenticationCode1: code1,
      AuthenticationCode2: code2,
    }),
  );
  await iam.send(
    new UploadSSHPublicKeyCommand({
      UserName: userName,
      SSHPublicKeyBody: fixture("ssh-keys.txt").trim().split("\n")[0],
    }),
  );
  await iam.send(
    new UploadSigningCertificateCommand({ UserName: userName, CertificateBody: fixture(`cert${cert}.crt`) }),
  );
  await iam.send(
    new CreateServiceSpecificCredentialCommand({
      UserName: userName,
      ServiceName: "codecommit.amazonaws.com",
    }),
  );
  for (const g of LOADED_GROUPS)
    await iam.send(new AddUserToGroupCommand({ UserName: userName, GroupName: g }));
  for (const arn of LOADED_POLICIES)
    await iam.send(new AttachUserPolicyCommand({ UserName: userName, PolicyArn: arn }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: userName,
      PolicyName: LOADED_INLINE[0],
      PolicyDocument: inline("sqs:SendMessage"),
    }),
  );
  await iam.send(
    new PutUserPolicyCommand({
      UserName: userName,
      PolicyName: LOADED_INLINE[1],
      PolicyDocument: inline("logs:PutLogEvents"),
    }),
  );
  return { accessKeyIds, mfaSerial: device.SerialNumber! };
}

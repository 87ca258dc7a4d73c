import {
  CreateServiceSpecificCredentialCommand,
  CreateUserCommand,
  DeleteServiceSpecificCredentialCommand,
  DeleteSigningCertificateCommand,
  DeleteSSHPublicKeyCommand,
  DeleteUserCommand,
  GetSSHPublicKeyCommand,
  ListServiceSpecificCredentialsCommand,
  ListSigningCertificatesCommand,
  ListSSHPublicKeysCommand,
  ResetServiceSpecificCredentialCommand,
  UpdateServiceSpecificCredentialCommand,
  UpdateSigningCertificateCommand,
  UpdateSSHPublicKeyCommand,
  UploadSigningCertificateCommand,
  UploadSSHPublicKeyCommand,
} from "@aws-sdk/client-iam";
import { readFileSync } from "node:fs";
import path from "node:path";
import sshpk from "sshpk";
import { beforeAll, describe, expect, it } from "vitest";
import { expectIamError, sandboxForFile } from "./test/helpers";

const { iam } = sandboxForFile();

// Self-signed certificates without their keys (public material; *.pem is git-ignored here).
const fixture = (name: string) => readFileSync(path.join(__dirname, "test", "fixtures", name), "utf8");

// Pre-generated 2048-bit RSA keys: generating them per run is slow on a busy machine.
const SSH_KEYS = fixture("ssh-keys.txt").trim().split("\n");
let nextKey = 0;
function sshKey(): { body: string; md5: string } {
  const body = SSH_KEYS[nextKey++];
  return { body, md5: sshpk.parseKey(body, "ssh").fingerprint("md5").toString("hex") };
}

beforeAll(async () => {
  await iam.send(new CreateUserCommand({ UserName: "dev" }));
});

describe("SSH public keys", () => {
  it("upload parses and fingerprints, list hides body, get in SSH and PEM, five per user", async () => {
    const k = sshKey();
    const up = await iam.send(new UploadSSHPublicKeyCommand({ UserName: "dev", SSHPublicKeyBody: k.body }));
    expect(up.SSHPublicKey).toMatchObject({ Fingerprint: k.md5, Status: "Active", UserName: "dev" });
    const id = up.SSHPublicKey!.SSHPublicKeyId!;
    expect(id).toMatch(/^APKA[A-Z0-9]{17}$/);
    await expectIamError(
      iam.send(new UploadSSHPublicKeyCommand({ UserName: "dev", SSHPublicKeyBody: k.body })),
      "DuplicateSSHPublicKey",
      400,
    );
    await expectIamError(
      iam.send(new UploadSSHPublicKeyCommand({ UserName: "dev", SSHPublicKeyBody: "ssh-rsa AAAAnotakey" })),
      "InvalidPublicKey",
      400,
    );
    await expectIamError(
      iam.send(
        new UploadSSHPublicKeyCommand({ UserName: "dev", SSHPublicKeyBody: fixture("ssh-ed25519.txt") }),
      ),
      "UnrecognizedPublicKeyEncoding",
      400,
    );
    const list = await iam.send(new ListSSHPublicKeysCommand({ UserName: "dev" }));
    expect(list.SSHPublicKeys![0]).not.toHaveProperty("SSHPublicKeyBody");
    const pem = await iam.send(
      new GetSSHPublicKeyCommand({ UserName: "dev", SSHPublicKeyId: id, Encoding: "PEM" }),
    );
    expect(pem.SSHPublicKey!.SSHPublicKeyBody).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const ssh = await iam.send(
      new GetSSHPublicKeyCommand({ UserName: "dev", SSHPublicKeyId: id, Encoding: "SSH" }),
    );
    expect(ssh.SSHPublicKey!.SSHPublicKeyBody).toMatch(/^ssh-rsa /);
    await iam.send(
      new UpdateSSHPublicKeyCommand({ UserName: "dev", SSHPublicKeyId: id, Status: "Inactive" }),
    );
    for (let i = 0; i < 4; i++)
      await iam.send(new UploadSSHPublicKeyCommand({ UserName: "dev", SSHPublicKeyBody: sshKey().body }));
    expect(
      await expectIamError(
        iam.send(new UploadSSHPublicKeyCommand({ UserName: "dev", SSHPublicKeyBody: sshKey().body })),
        "LimitExceeded",
        409,
      ),
    ).toBe("Cannot exceed quota for PublicKeysPerUser: 5");
    expect(
      await expectIamError(iam.send(new DeleteUserCommand({ UserName: "dev" })), "DeleteConflict", 409),
    ).toBe("Cannot delete entity, must remove referenced objects first.");
    for (const key of (await iam.send(new ListSSHPublicKeysCommand({ UserName: "dev" }))).SSHPublicKeys!)
      await iam.send(new DeleteSSHPublicKeyCommand({ UserName: "dev", SSHPublicKeyId: key.SSHPublicKeyId }));
    await expectIamError(
      iam.send(new GetSSHPublicKeyCommand({ UserName: "dev", SSHPublicKeyId: id, Encoding: "SSH" })),
      "NoSuchEntity",
      404,
    );
  });
});

describe("signing certificates", () => {
  it("parses X.509, refuses duplicates and garbage, two per user", async () => {
    const up = await iam.send(
      new UploadSigningCertificateCommand({ UserName: "dev", CertificateBody: fixture("cert1.crt") }),
    );
    expect(up.Certificate).toMatchObject({ UserName: "dev", Status: "Active" });
    expect(up.Certificate!.CertificateId).toMatch(/^ASCA[A-Z0-9]{28}$/);
    await expectIamError(
      iam.send(
        new UploadSigningCertificateCommand({ UserName: "dev", CertificateBody: fixture("cert1.crt") }),
      ),
      "DuplicateCertificate",
      409,
    );
    await expectIamError(
      iam.send(
        new UploadSigningCertificateCommand({
          UserName: "dev",
          CertificateBody: "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----",
        }),
      ),
      "MalformedCertificate",
      400,
    );
    await iam.send(
      new UploadSigningCertificateCommand({ UserName: "dev", CertificateBody: fixture("cert2.crt") }),
    );
    expect(
      await expectIamError(
        iam.send(
          new UploadSigningCertificateCommand({ UserName: "dev", CertificateBody: fixture("cert3.crt") }),
        ),
        "LimitExceeded",
        409,
      ),
    ).toBe("Cannot exceed quota for SigningCertificatesPerUser: 2");
    await iam.send(
      new UpdateSigningCertificateCommand({
        UserName: "dev",
        CertificateId: up.Certificate!.CertificateId,
        Status: "Inactive",
      }),
    );
    const list = await iam.send(new ListSigningCertificatesCommand({ UserName: "dev" }));
    expect(list.Certificates!.map((c) => c.Status)).toEqual(["Inactive", "Active"]);
    await expectIamError(iam.send(new DeleteUserCommand({ UserName: "dev" })), "DeleteConflict", 409);
    for (const c of list.Certificates!)
      await iam.send(
        new DeleteSigningCertificateCommand({ UserName: "dev", CertificateId: c.CertificateId }),
      );
  });
});

describe("service-specific credentials", () => {
  it("create/list/reset/update/delete; two per service; unsupported service is NoSuchEntity", async () => {
    const create = (ServiceName: string) =>
      iam.send(new CreateServiceSpecificCredentialCommand({ UserName: "dev", ServiceName }));
    const c = await create("codecommit.amazonaws.com");
    expect(c.ServiceSpecificCredential).toMatchObject({
      ServiceName: "codecommit.amazonaws.com",
      ServiceUserName: "dev-at-123456789012",
      Status: "Active",
    });
    expect(c.ServiceSpecificCredential!.ServiceSpecificCredentialId).toMatch(/^ACCA[A-Z0-9]{17}$/);
    const password = c.ServiceSpecificCredential!.ServicePassword!;
    await create("codecommit.amazonaws.com");
    await expectIamError(create("codecommit.amazonaws.com"), "LimitExceeded", 409); // two per service
    await create("cassandra.amazonaws.com");
    const unsupported = await expectIamError(create("s3.amazonaws.com"), "NoSuchEntity", 404);
    expect(unsupported).toBe(
      "No such service s3.amazonaws.com is supported for Service Specific Credentials",
    );
    const id = c.ServiceSpecificCredential!.ServiceSpecificCredentialId!;
    const reset = await iam.send(
      new ResetServiceSpecificCredentialCommand({ UserName: "dev", ServiceSpecificCredentialId: id }),
    );
    expect(reset.ServiceSpecificCredential!.ServicePassword).not.toBe(password);
    await iam.send(
      new UpdateServiceSpecificCredentialCommand({
        UserName: "dev",
        ServiceSpecificCredentialId: id,
        Status: "Inactive",
      }),
    );
    const list = await iam.send(
      new ListServiceSpecificCredentialsCommand({ UserName: "dev", ServiceName: "codecommit.amazonaws.com" }),
    );
    expect(list.ServiceSpecificCredentials).toHaveLength(2);
    expect(JSON.stringify(list)).not.toContain("ServicePassword");
    expect(
      await expectIamError(iam.send(new DeleteUserCommand({ UserName: "dev" })), "DeleteConflict", 409),
    ).toBe("Cannot delete entity, must remove referenced objects first.");
    for (const cred of (await iam.send(new ListServiceSpecificCredentialsCommand({ UserName: "dev" })))
      .ServiceSpecificCredentials!)
      await iam.send(
        new DeleteServiceSpecificCredentialCommand({
          UserName: "dev",
          ServiceSpecificCredentialId: cred.ServiceSpecificCredentialId,
        }),
      );
    await iam.send(new DeleteUserCommand({ UserName: "dev" }));
  });
});

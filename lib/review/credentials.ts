import {
  ListAccessKeysCommand,
  ListServiceSpecificCredentialsCommand,
  ListSigningCertificatesCommand,
  ListSSHPublicKeysCommand,
} from "@aws-sdk/client-iam";
import { fetchCredentialReport } from "@/lib/iam";
import type { CallCounter } from "./walk";
import type { CredentialExtras } from "./types";

/** The credential report, each call counted by the sync's counter. */
export function fetchReport(counter: CallCounter) {
  return fetchCredentialReport(counter.iam, { send: (op, run) => counter.send(op, run) });
}

const iso = (d: Date | undefined) => d?.toISOString() ?? null;

/** One user's access keys with their ids (ListAccessKeys: at most 2 keys, never paginated). */
export async function listKeys(
  counter: CallCounter,
  userName: string,
): Promise<{ id: string; active: boolean; created: string }[]> {
  const out = await counter.send("ListAccessKeys", () =>
    counter.iam.send(new ListAccessKeysCommand({ UserName: userName })),
  );
  return (out.AccessKeyMetadata ?? []).map((k) => ({
    id: k.AccessKeyId ?? "",
    active: k.Status === "Active",
    created: iso(k.CreateDate) ?? "",
  }));
}

/**
 * What the report lacks, for one user: access key ids, SSH keys, service-specific credentials
 * and certificate ids. Four small calls; the sync makes them only for users whose report row or
 * authorization details changed since the previous snapshot (or on a full credential scan).
 */
export async function fetchExtras(
  counter: CallCounter,
  userName: string,
): Promise<{ keyIds: { id: string; created: string | null }[]; extras: CredentialExtras }> {
  const UserName = userName;
  const [keys, ssh, svc, certs] = await Promise.all([
    counter.send("ListAccessKeys", () => counter.iam.send(new ListAccessKeysCommand({ UserName }))),
    counter.send("ListSSHPublicKeys", () => counter.iam.send(new ListSSHPublicKeysCommand({ UserName }))),
    counter.send("ListServiceSpecificCredentials", () =>
      counter.iam.send(new ListServiceSpecificCredentialsCommand({ UserName })),
    ),
    counter.send("ListSigningCertificates", () =>
      counter.iam.send(new ListSigningCertificatesCommand({ UserName })),
    ),
  ]);
  return {
    keyIds: (keys.AccessKeyMetadata ?? []).map((k) => ({
      id: k.AccessKeyId ?? "",
      created: iso(k.CreateDate),
    })),
    extras: {
      sshKeys: (ssh.SSHPublicKeys ?? []).map((k) => ({
        id: k.SSHPublicKeyId ?? "",
        active: k.Status === "Active",
        uploaded: iso(k.UploadDate),
      })),
      serviceCredentials: (svc.ServiceSpecificCredentials ?? []).map((c) => ({
        id: c.ServiceSpecificCredentialId ?? "",
        service: c.ServiceName ?? "",
        active: c.Status === "Active",
        created: iso(c.CreateDate),
      })),
      certificates: (certs.Certificates ?? []).map((c) => ({
        id: c.CertificateId ?? "",
        active: c.Status === "Active",
        uploaded: iso(c.UploadDate),
      })),
      checkedAt: new Date().toISOString(),
    },
  };
}

import {
  accessKeysOf,
  fetchCredentialReport,
  serviceCredentialsOf,
  signingCertificatesOf,
  sshPublicKeysOf,
} from "@/lib/iam";
import type { CallCounter } from "./walk";
import type { CredentialExtras } from "./types";

/** The credential report, each call counted by the sync's counter. */
export function fetchReport(counter: CallCounter) {
  return fetchCredentialReport(counter.iam, { send: (op, run) => counter.send(op, run) });
}

const iso = (d: Date | undefined) => d?.toISOString() ?? null;

/** One user's access keys with their ids (ListAccessKeys: at most 2 keys, one page). */
export async function listKeys(
  counter: CallCounter,
  userName: string,
): Promise<{ id: string; active: boolean; created: string }[]> {
  const keys = await accessKeysOf(counter.iam, userName, counter.recorder("ListAccessKeys"));
  return keys.map((k) => ({
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
  const { iam } = counter;
  const [keys, ssh, svc, certs] = await Promise.all([
    accessKeysOf(iam, userName, counter.recorder("ListAccessKeys")),
    sshPublicKeysOf(iam, userName, counter.recorder("ListSSHPublicKeys")),
    serviceCredentialsOf(iam, userName, counter.recorder("ListServiceSpecificCredentials")),
    signingCertificatesOf(iam, userName, counter.recorder("ListSigningCertificates")),
  ]);
  return {
    keyIds: keys.map((k) => ({
      id: k.AccessKeyId ?? "",
      created: iso(k.CreateDate),
    })),
    extras: {
      sshKeys: ssh.map((k) => ({
        id: k.SSHPublicKeyId ?? "",
        active: k.Status === "Active",
        uploaded: iso(k.UploadDate),
      })),
      serviceCredentials: svc.map((c) => ({
        id: c.ServiceSpecificCredentialId ?? "",
        service: c.ServiceName ?? "",
        active: c.Status === "Active",
        created: iso(c.CreateDate),
      })),
      certificates: certs.map((c) => ({
        id: c.CertificateId ?? "",
        active: c.Status === "Active",
        uploaded: iso(c.UploadDate),
      })),
      checkedAt: new Date().toISOString(),
    },
  };
}

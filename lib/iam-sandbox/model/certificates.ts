import { X509Certificate } from "node:crypto";
import { IamError, limit } from "./errors";
import type { HandlerTable } from "./handler";
import { newCertificateId } from "./ids";
import { pageOut, paginateOrdered } from "./paginate";
import { RULES } from "./params";
import { credentialById, ownerOrFail, ownerOrRoot } from "./credential-owner";
import { isoTime } from "../http/xml";
import type { SigningCert, User } from "./types";

const CERTS_PER_USER = 2;

function parseCertificate(body: string): X509Certificate {
  try {
    return new X509Certificate(body.trim());
  } catch {
    throw new IamError(
      "MalformedCertificate",
      "Unable to parse certificate. Please ensure the certificate is in PEM format.",
    );
  }
}

const findCert = (user: User, id: string) => credentialById(user.certs, "Certificate", id);

function certOut(user: User, c: SigningCert) {
  return {
    UserName: user.name,
    CertificateId: c.id,
    CertificateBody: c.body,
    Status: c.status,
    UploadDate: isoTime(c.uploaded),
  };
}

export const certificateHandlers: HandlerTable = {
  UploadSigningCertificate(ctx) {
    const user = ownerOrFail(ctx);
    const body = ctx.p.req("CertificateBody", RULES.body);
    const x509 = parseCertificate(body);
    if (Date.parse(x509.validTo) < ctx.now)
      throw new IamError("InvalidCertificate", "The certificate has expired.");
    const fingerprint = x509.fingerprint256;
    // A certificate may be registered once in the whole account.
    for (const u of ctx.state.users.values()) {
      const dup = u.certs.find((c) => c.fingerprint === fingerprint);
      if (dup)
        throw new IamError("DuplicateCertificate", `The Certificate with id ${dup.id} already exists.`);
    }
    if (user.certs.length >= CERTS_PER_USER) throw limit("SigningCertificatesPerUser", CERTS_PER_USER);
    const cert: SigningCert = {
      id: newCertificateId(),
      body: body.trim(),
      fingerprint,
      status: "Active",
      uploaded: ctx.now,
    };
    user.certs.push(cert);
    return { Certificate: certOut(user, cert) };
  },
  ListSigningCertificates(ctx) {
    const user = ownerOrRoot(ctx);
    return pageOut("Certificates", paginateOrdered(user?.certs ?? [], ctx.p), (c) => certOut(user!, c));
  },
  UpdateSigningCertificate(ctx) {
    const id = ctx.p.req("CertificateId", RULES.entityId);
    const status = ctx.p.req("Status", RULES.status) as SigningCert["status"];
    findCert(ownerOrFail(ctx), id).status = status;
    return undefined;
  },
  DeleteSigningCertificate(ctx) {
    const id = ctx.p.req("CertificateId", RULES.entityId);
    const user = ownerOrFail(ctx);
    const cert = findCert(user, id);
    user.certs = user.certs.filter((c) => c !== cert);
    return undefined;
  },
};

import sshpk from "sshpk";
import { IamError, limit } from "./errors";
import type { HandlerTable } from "./handler";
import { newId } from "./ids";
import { pageOut, paginateOrdered } from "./paginate";
import { RULES } from "./params";
import { getUser, type Ctx } from "./state";
import { credentialById, ownerOrRoot } from "./credential-owner";
import { isoTime } from "../http/xml";
import type { SshKey, User } from "./types";

const SSH_KEYS_PER_USER = 5;

/** IAM accepts RSA keys of at least 2048 bits, in OpenSSH or PEM encoding. */
function parseSshKey(body: string): sshpk.Key {
  let key: sshpk.Key;
  try {
    key = sshpk.parseKey(body.trim(), "auto");
  } catch {
    throw new IamError("InvalidPublicKey", "The public key is not a valid SSH public key.");
  }
  if (key.type !== "rsa")
    throw new IamError(
      "UnrecognizedPublicKeyEncoding",
      "The public key encoding is not recognized. Only ssh-rsa keys are supported.",
    );
  if (key.size < 2048)
    throw new IamError("InvalidPublicKey", "The public key must be at least 2048 bits long.");
  return key;
}

const findKey = (user: User, id: string) => credentialById(user.sshKeys, "Public Key", id);

function keyOut(user: User, k: SshKey, body: string) {
  return {
    UserName: user.name,
    SSHPublicKeyId: k.id,
    Fingerprint: k.fingerprint,
    SSHPublicKeyBody: body,
    Status: k.status,
    UploadDate: isoTime(k.uploaded),
  };
}

const userParam = (ctx: Ctx) => getUser(ctx, ctx.p.req("UserName", RULES.userName));

export const sshKeyHandlers: HandlerTable = {
  UploadSSHPublicKey(ctx) {
    const user = userParam(ctx);
    const body = ctx.p.req("SSHPublicKeyBody", RULES.body);
    const key = parseSshKey(body);
    const fingerprint = key.fingerprint("md5").toString("hex");
    if (user.sshKeys.some((k) => k.fingerprint === fingerprint))
      throw new IamError("DuplicateSSHPublicKey", "The public key is already uploaded for this user.");
    if (user.sshKeys.length >= SSH_KEYS_PER_USER) throw limit("PublicKeysPerUser", SSH_KEYS_PER_USER);
    const stored: SshKey = {
      id: newId("APKA"),
      body: key.toString("ssh"),
      fingerprint,
      status: "Active",
      uploaded: ctx.now,
    };
    user.sshKeys.push(stored);
    return { SSHPublicKey: keyOut(user, stored, stored.body) };
  },
  GetSSHPublicKey(ctx) {
    const user = userParam(ctx);
    const key = findKey(user, ctx.p.req("SSHPublicKeyId", RULES.entityId));
    const encoding = ctx.p.req("Encoding", { oneOf: ["SSH", "PEM"] });
    const body = encoding === "PEM" ? sshpk.parseKey(key.body, "ssh").toString("pkcs8") : key.body;
    return { SSHPublicKey: keyOut(user, key, body) };
  },
  ListSSHPublicKeys(ctx) {
    const user = ownerOrRoot(ctx);
    return pageOut("SSHPublicKeys", paginateOrdered(user?.sshKeys ?? [], ctx.p), (k) => ({
      UserName: user!.name,
      SSHPublicKeyId: k.id,
      Status: k.status,
      UploadDate: isoTime(k.uploaded),
    }));
  },
  UpdateSSHPublicKey(ctx) {
    const user = userParam(ctx);
    const key = findKey(user, ctx.p.req("SSHPublicKeyId", RULES.entityId));
    key.status = ctx.p.req("Status", RULES.status) as SshKey["status"];
    return undefined;
  },
  DeleteSSHPublicKey(ctx) {
    const user = userParam(ctx);
    const key = findKey(user, ctx.p.req("SSHPublicKeyId", RULES.entityId));
    user.sshKeys = user.sshKeys.filter((k) => k !== key);
    return undefined;
  },
};

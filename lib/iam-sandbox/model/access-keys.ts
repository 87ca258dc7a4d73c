import { IamError, limit } from "./errors";
import type { HandlerTable } from "./handler";
import { newAccessKeyId, newSecret } from "./ids";
import { pageOut, paginateOrdered } from "./paginate";
import { RULES } from "./params";
import { credentialById, ownerOrFail, ownerOrRoot } from "./credential-owner";
import type { Ctx } from "./state";
import { isoTime } from "../http/xml";
import type { AccessKey, User } from "./types";

export const ACCESS_KEYS_PER_USER = 2;

export function createAccessKey(ctx: Ctx, user: User): AccessKey {
  if (user.accessKeys.length >= ACCESS_KEYS_PER_USER) throw limit("AccessKeysPerUser", ACCESS_KEYS_PER_USER);
  const key: AccessKey = { id: newAccessKeyId(), secret: newSecret(), status: "Active", created: ctx.now };
  user.accessKeys.push(key);
  ctx.state.keyOwners.set(key.id, user.name.toLowerCase());
  return key;
}

const findKey = (user: User, id: string) => credentialById(user.accessKeys, "Access Key", id);

export const accessKeyHandlers: HandlerTable = {
  CreateAccessKey(ctx) {
    const user = ownerOrFail(ctx);
    const key = createAccessKey(ctx, user);
    // The only response that ever carries the secret.
    return {
      AccessKey: {
        UserName: user.name,
        AccessKeyId: key.id,
        Status: key.status,
        SecretAccessKey: key.secret,
        CreateDate: isoTime(key.created),
      },
    };
  },
  ListAccessKeys(ctx) {
    // Under root credentials AWS lists the root's own keys, which the sandbox does not model.
    const user = ownerOrRoot(ctx);
    if (!user) return { AccessKeyMetadata: [], IsTruncated: false };
    return pageOut("AccessKeyMetadata", paginateOrdered(user.accessKeys, ctx.p), (k) => ({
      UserName: user.name,
      AccessKeyId: k.id,
      Status: k.status,
      CreateDate: isoTime(k.created),
    }));
  },
  UpdateAccessKey(ctx) {
    const id = ctx.p.req("AccessKeyId", RULES.accessKeyId);
    const status = ctx.p.req("Status", RULES.status) as AccessKey["status"];
    findKey(ownerOrFail(ctx), id).status = status;
    return undefined;
  },
  DeleteAccessKey(ctx) {
    const id = ctx.p.req("AccessKeyId", RULES.accessKeyId);
    const user = ownerOrFail(ctx);
    findKey(user, id);
    user.accessKeys = user.accessKeys.filter((k) => k.id !== id);
    ctx.state.keyOwners.delete(id);
    return undefined;
  },
  GetAccessKeyLastUsed(ctx) {
    const id = ctx.p.req("AccessKeyId", RULES.accessKeyId);
    const owner = ctx.state.keyOwners.get(id);
    const user = owner ? ctx.state.users.get(owner) : undefined;
    const key = user?.accessKeys.find((k) => k.id === id);
    // AWS answers AccessDenied, not NoSuchEntity, for a key it does not know (docs/iam-facts.md#access-keys).
    if (!user || !key)
      throw new IamError(
        "AccessDenied",
        `User is not authorized to perform: iam:GetAccessKeyLastUsed on resource: access key ${id}`,
      );
    return {
      UserName: user.name,
      AccessKeyLastUsed: key.lastUsed
        ? {
            LastUsedDate: isoTime(key.lastUsed.at),
            ServiceName: key.lastUsed.service,
            Region: key.lastUsed.region,
          }
        : { ServiceName: "N/A", Region: "N/A" },
    };
  },
};

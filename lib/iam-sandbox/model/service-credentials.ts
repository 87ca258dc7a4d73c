import { IamError, limit } from "./errors";
import type { HandlerTable } from "./handler";
import { newId, randomString } from "./ids";
import { pageOut, paginateOrdered } from "./paginate";
import { RULES } from "./params";
import { getUser } from "./state";
import { credentialById, ownerOrFail, ownerOrRoot } from "./credential-owner";
import { isoTime } from "../http/xml";
import type { ServiceCred, User } from "./types";

const SUPPORTED_SERVICES = ["codecommit.amazonaws.com", "cassandra.amazonaws.com", "bedrock.amazonaws.com"];
const PER_SERVICE = 2;
const PASSWORD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";

const findCred = (user: User, id: string) =>
  credentialById(user.serviceCreds, "Service Specific Credential", id);

function credOut(user: User, c: ServiceCred, withPassword: boolean) {
  return {
    CreateDate: isoTime(c.created),
    ServiceName: c.service,
    ServiceUserName: c.serviceUserName,
    ServicePassword: withPassword ? c.password : undefined,
    ServiceSpecificCredentialId: c.id,
    UserName: user.name,
    Status: c.status,
  };
}

export const serviceCredentialHandlers: HandlerTable = {
  CreateServiceSpecificCredential(ctx) {
    const user = getUser(ctx, ctx.p.req("UserName", RULES.userName));
    const service = ctx.p.req("ServiceName", RULES.free);
    if (!SUPPORTED_SERVICES.includes(service))
      throw new IamError(
        "NoSuchEntity",
        `No such service ${service} is supported for Service Specific Credentials`,
      );
    const existing = user.serviceCreds.filter((c) => c.service === service);
    if (existing.length >= PER_SERVICE)
      throw limit("ServiceSpecificCredentialsPerUserPerService", PER_SERVICE);
    // ServiceUserName is fixed at creation; a later rename of the user does not change it
    // (docs/iam-facts.md#other-credentials).
    const suffix = existing.some((c) => c.serviceUserName === `${user.name}-at-${ctx.state.accountId}`)
      ? "+1"
      : "";
    const cred: ServiceCred = {
      id: newId("ACCA"),
      service,
      serviceUserName: `${user.name}${suffix}-at-${ctx.state.accountId}`,
      password: randomString(44, PASSWORD_CHARS),
      status: "Active",
      created: ctx.now,
    };
    user.serviceCreds.push(cred);
    return { ServiceSpecificCredential: credOut(user, cred, true) };
  },
  ListServiceSpecificCredentials(ctx) {
    const user = ownerOrRoot(ctx);
    const service = ctx.p.opt("ServiceName", RULES.free);
    const list = (user?.serviceCreds ?? []).filter((c) => service === undefined || c.service === service);
    return pageOut("ServiceSpecificCredentials", paginateOrdered(list, ctx.p), (c) =>
      credOut(user!, c, false),
    );
  },
  ResetServiceSpecificCredential(ctx) {
    const user = ownerOrFail(ctx);
    const cred = findCred(user, ctx.p.req("ServiceSpecificCredentialId", RULES.entityId));
    cred.password = randomString(44, PASSWORD_CHARS);
    return { ServiceSpecificCredential: credOut(user, cred, true) };
  },
  UpdateServiceSpecificCredential(ctx) {
    const user = ownerOrFail(ctx);
    const cred = findCred(user, ctx.p.req("ServiceSpecificCredentialId", RULES.entityId));
    cred.status = ctx.p.req("Status", RULES.status) as ServiceCred["status"];
    return undefined;
  },
  DeleteServiceSpecificCredential(ctx) {
    const user = ownerOrFail(ctx);
    const cred = findCred(user, ctx.p.req("ServiceSpecificCredentialId", RULES.entityId));
    user.serviceCreds = user.serviceCreds.filter((c) => c !== cred);
    return undefined;
  },
};

import { createHash, randomBytes } from "node:crypto";
import { IamError } from "./errors";
import type { HandlerTable } from "./handler";
import { RULES, validationError } from "./params";
import { checkPassword } from "./password-policy";
import { getUser, userOrCaller, type Ctx } from "./state";
import { isoTime } from "../http/xml";
import type { LoginProfile, User } from "./types";

// A fast salted hash is enough here: the sandbox never holds real passwords, and
// argon2 would cost the request-rate target for no gain.
function hashPassword(password: string, salt = randomBytes(8).toString("hex")): string {
  return (
    salt +
    ":" +
    createHash("sha256")
      .update(salt + password)
      .digest("hex")
  );
}

function matches(hash: string, password: string): boolean {
  return hashPassword(password, hash.split(":")[0]) === hash;
}

const noProfile = (name: string) =>
  new IamError("NoSuchEntity", `Login Profile for User ${name} cannot be found.`);

function profileOf(user: User): LoginProfile {
  if (!user.loginProfile) throw noProfile(user.name);
  return user.loginProfile;
}

function setPassword(ctx: Ctx, profile: LoginProfile, password: string): void {
  checkPassword(ctx.state, password);
  const reuse = ctx.state.passwordPolicy?.PasswordReusePrevention ?? 0;
  if (
    reuse > 0 &&
    [profile.passwordHash, ...profile.history].slice(0, reuse).some((h) => matches(h, password))
  )
    throw new IamError("PasswordPolicyViolation", "Password was used previously and cannot be reused.");
  profile.history = [profile.passwordHash, ...profile.history].slice(0, 24);
  profile.passwordHash = hashPassword(password);
  profile.passwordChanged = ctx.now;
}

export function createLoginProfile(
  ctx: Ctx,
  user: User,
  password: string,
  resetRequired: boolean,
): LoginProfile {
  if (user.loginProfile)
    throw new IamError("EntityAlreadyExists", `Login Profile for user ${user.name} already exists.`);
  checkPassword(ctx.state, password);
  user.loginProfile = {
    created: ctx.now,
    passwordHash: hashPassword(password),
    resetRequired,
    passwordChanged: ctx.now,
    history: [],
  };
  return user.loginProfile;
}

function profileOut(user: User, p: LoginProfile) {
  return {
    LoginProfile: {
      UserName: user.name,
      CreateDate: isoTime(p.created),
      PasswordResetRequired: p.resetRequired,
    },
  };
}

function target(ctx: Ctx): User {
  const user = userOrCaller(ctx, ctx.p.opt("UserName", RULES.userName));
  if (!user) throw validationError("UserName", "not be null");
  return user;
}

export const loginProfileHandlers: HandlerTable = {
  CreateLoginProfile(ctx) {
    const user = target(ctx);
    const password = ctx.p.req("Password", RULES.password);
    const profile = createLoginProfile(ctx, user, password, ctx.p.bool("PasswordResetRequired") ?? false);
    return profileOut(user, profile);
  },
  GetLoginProfile(ctx) {
    const user = target(ctx);
    return profileOut(user, profileOf(user));
  },
  UpdateLoginProfile(ctx) {
    const user = getUser(ctx, ctx.p.req("UserName", RULES.userName));
    const profile = profileOf(user);
    const password = ctx.p.opt("Password", RULES.password);
    const reset = ctx.p.bool("PasswordResetRequired");
    if (password !== undefined) setPassword(ctx, profile, password);
    if (reset !== undefined) profile.resetRequired = reset;
    return undefined;
  },
  DeleteLoginProfile(ctx) {
    const user = target(ctx);
    profileOf(user);
    user.loginProfile = undefined;
    return undefined;
  },
  ChangePassword(ctx) {
    const oldPassword = ctx.p.req("OldPassword", RULES.password);
    const newPassword = ctx.p.req("NewPassword", RULES.password);
    if (ctx.caller.kind !== "user")
      throw new IamError("InvalidUserType", "Only IAM Users can change their own password.");
    const user = ctx.state.users.get(ctx.caller.user)!;
    const profile = profileOf(user);
    if (!matches(profile.passwordHash, oldPassword))
      throw new IamError("AccessDenied", "The old password was incorrect.");
    setPassword(ctx, profile, newPassword);
    profile.resetRequired = false;
    return undefined;
  },
};

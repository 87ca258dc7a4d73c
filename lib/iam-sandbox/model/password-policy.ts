import { IamError } from "./errors";
import type { HandlerTable } from "./handler";
import type { State, PasswordPolicy } from "./types";

const SYMBOLS = /[!@#$%^&*()_+\-=[\]{}|']/;

function violation(message: string): IamError {
  return new IamError("PasswordPolicyViolation", message);
}

/** The account policy if set, else AWS's default policy (8+ characters, 3 of 4 character classes). */
export function checkPassword(state: State, password: string): void {
  const policy = state.passwordPolicy;
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, SYMBOLS].filter((r) => r.test(password)).length;
  if (!policy) {
    if (password.length < 8 || classes < 3)
      throw violation("Password does not conform to the account password policy.");
    return;
  }
  if (password.length < policy.MinimumPasswordLength)
    throw violation(`Password should have a minimum length of ${policy.MinimumPasswordLength}`);
  if (policy.RequireUppercaseCharacters && !/[A-Z]/.test(password))
    throw violation("Password should have at least one uppercase letter");
  if (policy.RequireLowercaseCharacters && !/[a-z]/.test(password))
    throw violation("Password should have at least one lowercase letter");
  if (policy.RequireNumbers && !/[0-9]/.test(password))
    throw violation("Password should have at least one number");
  if (policy.RequireSymbols && !SYMBOLS.test(password))
    throw violation("Password should have at least one symbol");
}

function policyOut(p: PasswordPolicy) {
  return {
    MinimumPasswordLength: p.MinimumPasswordLength,
    RequireSymbols: p.RequireSymbols,
    RequireNumbers: p.RequireNumbers,
    RequireUppercaseCharacters: p.RequireUppercaseCharacters,
    RequireLowercaseCharacters: p.RequireLowercaseCharacters,
    AllowUsersToChangePassword: p.AllowUsersToChangePassword,
    ExpirePasswords: (p.MaxPasswordAge ?? 0) > 0,
    MaxPasswordAge: p.MaxPasswordAge,
    PasswordReusePrevention: p.PasswordReusePrevention,
    HardExpiry: p.HardExpiry,
  };
}

const notFound = (s: State) =>
  new IamError("NoSuchEntity", `The Password Policy with domain name ${s.accountId} cannot be found.`);

export const passwordPolicyHandlers: HandlerTable = {
  GetAccountPasswordPolicy(ctx) {
    if (!ctx.state.passwordPolicy) throw notFound(ctx.state);
    return { PasswordPolicy: policyOut(ctx.state.passwordPolicy) };
  },
  UpdateAccountPasswordPolicy(ctx) {
    const p = ctx.p;
    // Update replaces the whole policy: omitted fields fall back to their defaults
    // (docs/iam-facts.md#passwords).
    ctx.state.passwordPolicy = {
      MinimumPasswordLength: p.int("MinimumPasswordLength", 6, 128) ?? 6,
      RequireSymbols: p.bool("RequireSymbols") ?? false,
      RequireNumbers: p.bool("RequireNumbers") ?? false,
      RequireUppercaseCharacters: p.bool("RequireUppercaseCharacters") ?? false,
      RequireLowercaseCharacters: p.bool("RequireLowercaseCharacters") ?? false,
      AllowUsersToChangePassword: p.bool("AllowUsersToChangePassword") ?? false,
      MaxPasswordAge: p.int("MaxPasswordAge", 1, 1095),
      PasswordReusePrevention: p.int("PasswordReusePrevention", 1, 24),
      HardExpiry: p.bool("HardExpiry"),
    };
    return undefined;
  },
  DeleteAccountPasswordPolicy(ctx) {
    if (!ctx.state.passwordPolicy) throw notFound(ctx.state);
    ctx.state.passwordPolicy = undefined;
    return undefined;
  },
};

// How a member may sign in, chosen when they are invited (Settings → Team, `npm run admin`).
// The two doors each ask this one question: SSO reaches only members whose method allows SSO,
// so a password-only member (the first admin, say) can never be signed in by an IdP that merely
// claims their email. Password sign-in needs a password hash, which exists exactly when the
// method allows passwords.
export const SIGN_IN_METHODS = ["sso", "password", "sso-or-password"] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

export const SIGN_IN_METHOD_LABELS: Record<SignInMethod, string> = {
  sso: "SSO",
  password: "Password",
  "sso-or-password": "SSO or password",
};

export const isSignInMethod = (v: unknown): v is SignInMethod => SIGN_IN_METHODS.includes(v as SignInMethod);

// An unknown stored value allows nothing: fail closed.
export const allowsSso = (method: string) => method === "sso" || method === "sso-or-password";
export const allowsPassword = (method: string) => method === "password" || method === "sso-or-password";

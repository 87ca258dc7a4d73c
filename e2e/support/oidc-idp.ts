import Provider from "oidc-provider";

// A real OpenID Connect identity provider for the SSO tests (oidc-provider's own development
// login screen: any login name, any password). Accounts are `<name>@test.local` people.
//
// A test chooses the claims of one sign-in through the login name (see ssoLogin):
//   sso-member@test.local                       sub = the login name, email verified
//   admin@test.local?sub=intruder-1             another subject claiming that email
//   admin@test.local?email_verified=false       email_verified false (or =omit: no claim at all)
//   someone?email=other@test.local              the email claim set outright
// The login name is oidc-provider's account id (its dev login uses it as typed), so each variant
// is its own account. The `sub` it tells the app is chosen by pairwiseIdentifier below, which
// is oidc-provider's own hook for giving a client a different subject than the account id.
function idpClaims(accountId: string) {
  const [name, query = ""] = accountId.split("?", 2);
  const params = new URLSearchParams(query);
  const email =
    params.get("email") ?? (name.includes("@") ? name.toLowerCase() : `${name.toLowerCase()}@test.local`);
  const verified = params.get("email_verified") ?? "true";
  return {
    sub: params.get("sub") ?? name,
    email,
    ...(verified === "omit" ? {} : { email_verified: verified === "true" }),
    name: email.split("@")[0],
  };
}

export async function startIdp(opts: {
  port: number;
  redirectUri: string;
  clientId: string;
  clientSecret: string;
}) {
  const issuer = `http://127.0.0.1:${opts.port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: opts.clientId,
        client_secret: opts.clientSecret,
        redirect_uris: [opts.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        subject_type: "pairwise",
      },
    ],
    subjectTypes: ["public", "pairwise"],
    pairwiseIdentifier: async (_ctx, accountId) => idpClaims(accountId).sub,
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    scopes: ["openid", "email", "profile"],
    pkce: { required: () => true },
    async findAccount(_ctx, accountId) {
      return { accountId, claims: async () => idpClaims(accountId) };
    },
  });
  provider.proxy = false;
  const server = provider.listen(opts.port, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  return { issuer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

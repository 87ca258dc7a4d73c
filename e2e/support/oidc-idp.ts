import Provider from "oidc-provider";

// A real OpenID Connect identity provider for the SSO tests (oidc-provider's own development
// login screen: any login name, any password). Accounts are `<name>@test.local` people.
export async function startIdp(opts: { port: number; redirectUri: string; clientId: string; clientSecret: string }) {
  const issuer = `http://127.0.0.1:${opts.port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: opts.clientId, client_secret: opts.clientSecret, redirect_uris: [opts.redirectUri], grant_types: ["authorization_code"], response_types: ["code"] }],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    scopes: ["openid", "email", "profile"],
    pkce: { required: () => true },
    async findAccount(_ctx, sub) {
      const email = sub.includes("@") ? sub.toLowerCase() : `${sub.toLowerCase()}@test.local`;
      return { accountId: sub, claims: async () => ({ sub, email, email_verified: true, name: email.split("@")[0] }) };
    },
  });
  provider.proxy = false;
  const server = provider.listen(opts.port, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  return { issuer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

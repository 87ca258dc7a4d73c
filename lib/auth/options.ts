import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { TokenSet } from "openid-client";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { env } from "@/lib/env";
import { audit } from "@/lib/audit";
import { burnVerifyTime, normaliseEmail, verifyPassword } from "./password";
import { clearFailures, recordFailure, throttledFor } from "./throttle";
import { ssoIdentity, ssoSignIn } from "./sso";
import { safeRedirectUrl } from "./redirect";
import { setNoAccessNotice } from "./no-access-notice";

type OidcProfile = { iss?: string; sub: string; email?: string; email_verified?: unknown; name?: string; preferred_username?: string };

function oidcProvider(): OAuthConfig<OidcProfile> | undefined {
  const e = env();
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return undefined;
  return {
    id: "oidc",
    name: e.OIDC_NAME,
    type: "oauth",
    wellKnown: `${e.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    // Many providers put only `sub` in the ID token; the email lives behind userinfo. Given the
    // whole token set, openid-client refuses a userinfo answer whose `sub` is not the verified
    // ID token's; `iss` and `sub` are taken from that ID token (lib/auth/sso.ts binds to them).
    userinfo: {
      request: async ({ client, tokens }) => {
        // next-auth passes the TokenSet its client.callback() returned and verified (its type
        // says only TokenSetParameters).
        const verified = tokens as TokenSet;
        const idToken = verified.claims();
        const info = await client.userinfo(verified);
        return { ...idToken, ...info, iss: idToken.iss, sub: idToken.sub } as OidcProfile;
      },
    },
    profile: (p) => ({ id: p.sub, email: p.email ? normaliseEmail(p.email) : null, name: p.name ?? p.preferred_username ?? null }),
  };
}

function clientAddress(headers: Record<string, unknown> | undefined): string | undefined {
  const forwarded = headers?.["x-forwarded-for"];
  return typeof forwarded === "string" ? forwarded.split(",")[0].trim() : undefined;
}

export const THROTTLED_PREFIX = "THROTTLED:";

export function authOptions(): NextAuthOptions {
  const e = env();
  const sso = oidcProvider();
  return {
    secret: e.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: e.SESSION_MAX_AGE_SECONDS, updateAge: 15 * 60 },
    jwt: { maxAge: e.SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const email = normaliseEmail(String(credentials?.email ?? ""));
          const password = String(credentials?.password ?? "");
          if (!email || !password || email.length > 320 || password.length > 1024) return null;
          const keys = { email, ip: clientAddress(req?.headers) };
          const wait = await throttledFor(keys);
          if (wait > 0) throw new Error(`${THROTTLED_PREFIX}${wait}`);
          const member = await db().member.findUnique({ where: { email } });
          const valid = member?.passwordHash && !member.disabled
            ? await verifyPassword(member.passwordHash, password)
            : (await burnVerifyTime(password), false);
          if (!member || !valid) {
            await recordFailure(keys);
            await audit({ actor: email, action: "auth.signin_failed", target: email, data: { method: "password" } });
            return null;
          }
          await clearFailures(email);
          return { id: member.id, email: member.email, name: member.name };
        },
      }),
      ...(sso ? [sso] : []),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider === "oidc") {
          const identity = ssoIdentity(profile as Record<string, unknown> | undefined);
          const outcome = identity ? await ssoSignIn(identity) : ({ ok: false, reason: "no_email", email: null } as const);
          if (!outcome.ok) {
            // What the refused person sees: whether the IdP confirmed the address, and nothing
            // about whether that email is a member or how it signs in.
            await setNoAccessNotice({ email: identity?.email ?? null, reason: outcome.reason === "email_unverified" ? "email_unverified" : "refused" });
            return "/no-access";
          }
          // next-auth hands this same object to the jwt callback: the session is the bound
          // member's, whatever email the IdP claims today.
          user.id = outcome.member.id;
          user.email = outcome.member.email;
          return true;
        }
        const email = user.email ? normaliseEmail(user.email) : "";
        const member = email ? await db().member.findUnique({ where: { email } }) : null;
        if (!member || member.disabled) {
          await audit({ actor: email || "unknown", action: "auth.signin_refused", target: email || null, data: { method: account?.provider ?? "unknown", reason: member ? "disabled" : "not a member" } });
          return "/no-access";
        }
        await db().member.update({ where: { id: member.id }, data: { lastSignInAt: new Date() } });
        await audit({ actor: email, action: "auth.signin", target: email, data: { method: account?.provider ?? "unknown" } });
        return true;
      },
      // Every redirect target next-auth takes from a request (callbackUrl, its cookie) passes the
      // same check as the sign-in page's.
      redirect: ({ url }) => safeRedirectUrl(url),
      async jwt({ token, user }) {
        // `user` is present only at sign-in: the session's start and generation, kept through
        // every refresh of the cookie.
        if (user?.email) {
          const email = normaliseEmail(user.email);
          const member = await db().member.findUnique({ where: { email }, select: { sessionGeneration: true } });
          token.email = email;
          token.signedInAt = Date.now();
          token.generation = member?.sessionGeneration ?? 0;
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user) session.user.email = token.email ?? null;
        return { ...session, signedInAt: token.signedInAt, generation: token.generation };
      },
    },
    events: {
      // JWT sessions are stateless: clearing this browser's cookie would leave a copied cookie
      // valid. Bumping the member's session generation ends every session begun before, a
      // copy included (lib/auth/session.ts checks it on each request). Only a session that is
      // still current may do so, so a revoked copy cannot keep signing its owner out.
      async signOut({ token }) {
        const email = token?.email;
        if (!email || typeof token.generation !== "number") return;
        try {
          const { count } = await db().member.updateMany({ where: { email, sessionGeneration: token.generation }, data: { sessionGeneration: { increment: 1 } } });
          if (count === 1) await audit({ actor: email, action: "auth.signout", target: email, data: { sessionsEnded: "every session of this member" } });
        } catch (e) {
          log().error({ email, err: e instanceof Error ? e.message : String(e) }, "sign-out could not end the member's sessions");
        }
      },
    },
  };
}

export const ssoConfigured = () => Boolean(oidcProvider());
export const ssoName = () => env().OIDC_NAME;

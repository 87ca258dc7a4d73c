import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { TokenSet } from "openid-client";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { env } from "@/lib/env";
import { audit } from "@/lib/audit";
import { headers } from "next/headers";
import { normaliseEmail } from "./password";
import { checkPassword } from "./credentials";
import { stampedAddress } from "./client-address";
import { sessionActor, startSession } from "./sessions";
import { ssoIdentity, ssoSignIn } from "./sso";
import { safeRedirectUrl } from "./redirect";
import { setNoAccessNotice } from "./no-access-notice";

type OidcProfile = {
  iss?: string;
  sub: string;
  email?: string;
  email_verified?: unknown;
  name?: string;
  preferred_username?: string;
};

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
    profile: (p) => ({
      id: p.sub,
      email: p.email ? normaliseEmail(p.email) : null,
      name: p.name ?? p.preferred_username ?? null,
    }),
  };
}

const THROTTLED_PREFIX = "THROTTLED:";

// Thrown by the jwt callback for a session that no longer counts: next-auth then answers
// /api/auth/session with no session and clears the cookie, and getServerSession returns null.
const SESSION_ENDED = "SESSION_ENDED";

/** The request next-auth is answering (inside its route handler), for the session's record. */
async function requestInfo(): Promise<{ userAgent: string | null; address: string | null }> {
  try {
    const h = await headers();
    return { userAgent: h.get("user-agent"), address: stampedAddress(h) ?? null };
  } catch {
    return { userAgent: null, address: null };
  }
}

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
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, req) {
          const result = await checkPassword({
            email: String(credentials?.email ?? ""),
            password: String(credentials?.password ?? ""),
            address: stampedAddress(req?.headers),
          });
          if (result.ok) return result.member;
          if (result.reason === "throttled")
            throw new Error(`${THROTTLED_PREFIX}${result.retryAfterSeconds}`);
          return null;
        },
      }),
      ...(sso ? [sso] : []),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider === "oidc") {
          const identity = ssoIdentity(profile as Record<string, unknown> | undefined);
          const outcome = identity
            ? await ssoSignIn(identity)
            : ({ ok: false, reason: "no_email", email: null } as const);
          if (!outcome.ok) {
            // What the refused person sees: whether the IdP confirmed the address, and nothing
            // about whether that email is a member or how it signs in.
            await setNoAccessNotice({
              email: identity?.email ?? null,
              reason: outcome.reason === "email_unverified" ? "email_unverified" : "refused",
            });
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
          await audit({
            actor: email || "unknown",
            action: "auth.signin_refused",
            target: email || null,
            data: { method: account?.provider ?? "unknown", reason: member ? "disabled" : "not a member" },
          });
          return "/no-access";
        }
        await db().member.update({ where: { id: member.id }, data: { lastSignInAt: new Date() } });
        await audit({
          actor: email,
          action: "auth.signed_in",
          target: email,
          data: { method: account?.provider ?? "unknown" },
        });
        return true;
      },
      // Every redirect target next-auth takes from a request (callbackUrl, its cookie) passes the
      // same check as the sign-in page's.
      redirect: ({ url }) => safeRedirectUrl(url),
      async jwt({ token, user, account }) {
        // `user` is present only at sign-in: a server-side session row is made and the cookie
        // carries its id. On every later read (pages, actions, /api/auth/session) the row is
        // checked again (lib/auth/sessions.ts): an ended session is no session.
        if (user?.email) {
          const email = normaliseEmail(user.email);
          const member = await db().member.findUnique({ where: { email }, select: { id: true } });
          if (!member) throw new Error(SESSION_ENDED);
          return {
            email,
            sid: await startSession(member.id, {
              method: account?.provider ?? "unknown",
              ...(await requestInfo()),
            }),
          };
        }
        if (!(await sessionActor(token.sid))) throw new Error(SESSION_ENDED);
        return token;
      },
      async session({ session, token }) {
        if (session.user) session.user.email = token.email ?? null;
        return { ...session, sid: token.sid };
      },
    },
    events: {
      // Clearing this browser's cookie would leave a copied cookie valid: sign-out revokes the
      // session's row, which ends the session wherever its cookie went. A session that has
      // already ended changes nothing. (Other sessions: the Account page.)
      async signOut({ token }) {
        const email = token?.email;
        if (!email || typeof token.sid !== "string") return;
        try {
          const { count } = await db().memberSession.updateMany({
            where: { id: token.sid, revokedAt: null, member: { email } },
            data: { revokedAt: new Date() },
          });
          if (count === 1)
            await audit({
              actor: email,
              action: "auth.signed_out",
              target: email,
              data: { sessionsEnded: "this session" },
            });
        } catch (e) {
          log().error(
            { email, err: e instanceof Error ? e.message : String(e) },
            "sign-out could not end the session",
          );
        }
      },
    },
    logger: {
      // An ended session is expected, not an error worth a stack trace on every request.
      error(code, metadata) {
        const message =
          metadata instanceof Error
            ? metadata.message
            : ((metadata as { error?: Error; message?: string })?.error?.message ??
              (metadata as { message?: string })?.message);
        if (code === "JWT_SESSION_ERROR" && message === SESSION_ENDED) return;
        log().error({ code, err: message }, "next-auth error");
      },
      warn(code) {
        log().warn({ code }, "next-auth warning");
      },
      debug() {},
    },
  };
}

export const ssoConfigured = () => Boolean(oidcProvider());
export const ssoName = () => env().OIDC_NAME;

import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";
import { env } from "@/lib/env";

// What /no-access may say about a refused SSO sign-in. A refused sign-in has no session, so
// the server leaves a short-lived, HttpOnly cookie signed with the session secret (the same
// trust as a session cookie) naming the identity the IdP returned. The page shows that, or
// the signed-in session's email, and never anything from its URL: a link such as
// /no-access?email=<any text> used to put a stranger's words on Gatehouse's own page.

export type NoAccessReason = "email_unverified" | "refused";
export type NoAccessNotice = { email: string | null; reason: NoAccessReason };

const COOKIE = "gatehouse.no-access";
const PATH = "/no-access";
const MAX_AGE_SECONDS = 300;

function key(): Buffer | null {
  const secret = env().NEXTAUTH_SECRET;
  return secret ? createHmac("sha256", secret).update("gatehouse no-access notice v1").digest() : null;
}

const sign = (k: Buffer, payload: string) => createHmac("sha256", k).update(payload).digest("base64url");

/** Leaves the notice for the next visit to /no-access (call inside a route handler). */
export async function setNoAccessNotice(notice: NoAccessNotice): Promise<void> {
  const k = key();
  if (!k) return; // without a secret nothing can be trusted later: the page stays generic
  const payload = Buffer.from(
    JSON.stringify({ ...notice, exp: Date.now() + MAX_AGE_SECONDS * 1000 }),
  ).toString("base64url");
  (await cookies()).set(COOKIE, `${payload}.${sign(k, payload)}`, {
    httpOnly: true,
    sameSite: "lax",
    secure: env().NEXTAUTH_URL.startsWith("https:"),
    path: PATH,
    maxAge: MAX_AGE_SECONDS,
  });
}

/** The notice, when its signature holds and it has not expired; otherwise null. */
export async function readNoAccessNotice(): Promise<NoAccessNotice | null> {
  const k = key();
  const value = (await cookies()).get(COOKIE)?.value;
  if (!k || !value) return null;
  const [payload, mac] = value.split(".");
  if (!payload || !mac) return null;
  const expected = Buffer.from(sign(k, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const n = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
      email?: unknown;
      reason?: unknown;
      exp?: unknown;
    };
    if (typeof n.exp !== "number" || n.exp < Date.now()) return null;
    return {
      email: typeof n.email === "string" ? n.email : null,
      reason: n.reason === "email_unverified" ? "email_unverified" : "refused",
    };
  } catch {
    return null;
  }
}

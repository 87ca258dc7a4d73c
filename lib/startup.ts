import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { defaultDataDir, tightenPrivateDir } from "@/lib/private-files";
import { ensureBootstrapAdmin } from "@/lib/auth/bootstrap";
import { startReviewSyncLoop } from "@/lib/review";
import { startResumeLoop } from "@/lib/changes";

/** Work done once per server process: configuration check, first admin. */
export async function onServerStart(): Promise<void> {
  let e;
  try {
    e = env();
  } catch (err) {
    // Refuse to serve with a bad configuration; the message names each variable at fault.
    console.error(`Gatehouse cannot start. ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  if (e.OIDC_ALLOW_UNVERIFIED_EMAIL) {
    log().warn(
      "OIDC_ALLOW_UNVERIFIED_EMAIL is on: a first SSO sign-in trusts the IdP's email claim even when the IdP did not verify it",
    );
  }
  // A .data/ made before files there were private (0755 / 0644) is tightened to 0700 / 0600.
  try {
    tightenPrivateDir(defaultDataDir());
  } catch (err) {
    log().warn(
      { err: err instanceof Error ? err.message : String(err) },
      "startup: could not tighten .data permissions",
    );
  }
  try {
    const result = await ensureBootstrapAdmin(db(), {
      email: e.ADMIN_EMAIL,
      password: e.ADMIN_PASSWORD,
      generate: false,
    });
    if (result.created)
      log().info({ email: result.email }, "created the first admin from ADMIN_EMAIL/ADMIN_PASSWORD");
    else if ((await db().member.count()) === 0) {
      log().warn(
        "no Gatehouse members yet: set ADMIN_EMAIL and ADMIN_PASSWORD, or run `npm run admin -- create <email>`",
      );
    }
  } catch (err) {
    log().error({ err: err instanceof Error ? err.message : String(err) }, "startup: database not ready");
  }
  startReviewSyncLoop(); // review.syncMinutes (default 60, 0 = off), checked every minute
  startResumeLoop(); // finishes change requests whose executor died (crash, deploy): now and every 15 s
}

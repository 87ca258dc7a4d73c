// Member administration from the command line, for the first admin and for recovery.
//   npm run admin -- create <email> [admin|operator|auditor]   prints a one-time password
//   npm run admin -- reset-password <email>                    prints a new one-time password
//   npm run admin -- sign-in-method <email> sso|password|sso-or-password
//   npm run admin -- unlink-sso <email>                        forgets the bound SSO identity
//   npm run admin -- unlock <email>                            forgets failed sign-in attempts
// A one-time password must be changed at its first sign-in.
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { normaliseEmail } from "@/lib/auth/password";
import {
  createMemberWithOneTimePassword,
  resetPassword,
  setSignInMethod,
  unlinkSso,
  unlockMember,
} from "@/lib/auth/bootstrap";
import { isSignInMethod, SIGN_IN_METHODS } from "@/lib/auth/sign-in-method";
import { isMemberRole } from "@/lib/auth/roles";

async function main() {
  const [command, emailArg, roleArg = "admin"] = process.argv.slice(2);
  const database = createDb(env().DATABASE_URL);
  try {
    if (command === "create" && emailArg) {
      if (!isMemberRole(roleArg)) throw new Error(`Unknown role ${roleArg}: use admin, operator or auditor`);
      const password = await createMemberWithOneTimePassword(database, emailArg, roleArg);
      console.log(
        `Created ${roleArg} ${normaliseEmail(emailArg)}. One-time password (shown once; a new one must be chosen at first sign-in): ${password}`,
      );
    } else if (command === "reset-password" && emailArg) {
      console.log(
        `New one-time password for ${normaliseEmail(emailArg)} (shown once; a new one must be chosen at sign-in): ${await resetPassword(database, emailArg)}`,
      );
    } else if (command === "unlock" && emailArg) {
      const unlocked = await unlockMember(database, emailArg);
      console.log(
        unlocked
          ? `${normaliseEmail(emailArg)} may sign in again at once (failed attempts forgotten).`
          : `${normaliseEmail(emailArg)} had no failed sign-in attempts to forget.`,
      );
    } else if (command === "sign-in-method" && emailArg && process.argv[4]) {
      const method = process.argv[4];
      if (!isSignInMethod(method))
        throw new Error(`Unknown sign-in method ${method}: use ${SIGN_IN_METHODS.join(", ")}`);
      const password = await setSignInMethod(database, emailArg, method);
      console.log(
        `${normaliseEmail(emailArg)} now signs in with ${method}; their sessions are ended.${password ? ` One-time password (shown once): ${password}` : ""}`,
      );
    } else if (command === "unlink-sso" && emailArg) {
      const was = await unlinkSso(database, emailArg);
      console.log(
        was.subject
          ? `Forgot ${normaliseEmail(emailArg)}'s SSO identity (${was.issuer}, ${was.subject}); the next SSO sign-in binds again.`
          : `${normaliseEmail(emailArg)} had no SSO identity bound.`,
      );
    } else {
      console.error(
        "usage: npm run admin -- create <email> [role] | reset-password <email> | sign-in-method <email> <sso|password|sso-or-password> | unlink-sso <email> | unlock <email>",
      );
      process.exitCode = 2;
    }
  } finally {
    await database.$disconnect();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

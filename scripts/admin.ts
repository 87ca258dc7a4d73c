// Member administration from the command line, for the first admin and for recovery.
//   npm run admin -- create <email> [admin|operator|auditor]   prints a one-time password
//   npm run admin -- reset-password <email>                    prints a new one-time password
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { generatePassword, hashPassword, normaliseEmail } from "@/lib/auth/password";
import { resetPassword } from "@/lib/auth/bootstrap";
import { isRole } from "@/lib/auth/roles";

async function main() {
  const [command, emailArg, roleArg = "admin"] = process.argv.slice(2);
  const database = createDb(env().DATABASE_URL);
  try {
    if (command === "create" && emailArg) {
      if (!isRole(roleArg)) throw new Error(`Unknown role ${roleArg}: use admin, operator or auditor`);
      const password = generatePassword();
      await database.member.create({ data: { email: normaliseEmail(emailArg), role: roleArg, passwordHash: await hashPassword(password), invitedBy: "command line" } });
      console.log(`Created ${roleArg} ${normaliseEmail(emailArg)}. One-time password (shown once): ${password}`);
    } else if (command === "reset-password" && emailArg) {
      console.log(`New password for ${normaliseEmail(emailArg)} (shown once): ${await resetPassword(database, emailArg)}`);
    } else {
      console.error("usage: npm run admin -- create <email> [role] | reset-password <email>");
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

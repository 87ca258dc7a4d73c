import { randomInt } from "node:crypto";
import type { PasswordPolicy } from "@aws-sdk/client-iam";

// Temporary console passwords are generated at execution time (never planned, never stored) and
// must satisfy the account's password policy, or CreateLoginProfile fails with
// PasswordPolicyViolation (the policy is read by accountPasswordPolicy in lib/iam).

const UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const LOWER = "abcdefghijkmnopqrstuvwxyz";
const DIGITS = "23456789";
// The symbols IAM's password policy counts as non-alphanumeric.
const SYMBOLS = "!@#$%^&*()_+-=[]{}|'";

function pick(alphabet: string): string {
  return alphabet[randomInt(alphabet.length)];
}

/**
 * An IAM console password (CreateLoginProfile): random, with every character class so any
 * account password policy's class rules hold. Gatehouse's own one-time passwords are
 * generateOneTimePassword (lib/auth/password.ts).
 */
export function generateConsolePassword(policy: PasswordPolicy): string {
  const length = Math.max(20, policy.MinimumPasswordLength ?? 8);
  const all = UPPER + LOWER + DIGITS + SYMBOLS;
  const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(SYMBOLS)];
  while (chars.length < length) chars.push(pick(all));
  // Fisher–Yates with a CSPRNG so the guaranteed classes are not always in front.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join("");
}

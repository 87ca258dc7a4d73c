import { hash, verify } from "@node-rs/argon2";
import { randomBytes, randomInt } from "node:crypto";

// Argon2id with the library's defaults (OWASP-recommended memory and time costs).
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A hash of a random value: verifying against it when the account does not exist keeps the
// response time the same, so timing does not tell which emails are members.
let decoy: Promise<string> | undefined;
export async function burnVerifyTime(password: string): Promise<void> {
  decoy ??= hash(randomBytes(16).toString("hex"));
  await verifyPassword(await decoy, password);
}

/**
 * A Gatehouse member's one-time password (invite, reset, bootstrap): 20 characters from an
 * unambiguous alphabet (~115 bits). IAM console passwords are generateConsolePassword
 * (lib/changes/password.ts), which must follow the account's password policy.
 */
export function generateOneTimePassword(length = 20): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join("");
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

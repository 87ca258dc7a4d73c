import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import { verifyPassword } from "./password";

// The rule for a password a member chooses (the forced change after a one-time password, and
// the Account page): at least 12 characters, not the current one, and hard to guess by the
// zxcvbn estimate (score 3 of 4: about 10^8 guesses or more), with the member's own email and
// name and the product's name counted as known words.

const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024; // what sign-in accepts
const MIN_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;
const strength = () => (estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs }));

/** Why `password` may not be chosen, or null when it may. */
export async function newPasswordProblem(
  password: string,
  who: { email: string; name: string | null; currentHash: string | null },
): Promise<string | null> {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (who.currentHash && (await verifyPassword(who.currentHash, password)))
    return "Choose a password different from the current one.";
  // zxcvbn's cost grows with length; the first 100 characters decide whether a password is guessable.
  const inputs = [
    who.email,
    ...who.email.split(/[@.+_-]/),
    ...(who.name ? who.name.split(/\s+/) : []),
    "gatehouse",
  ].filter((s) => s.length >= 3);
  const { score } = strength().check(password.slice(0, 100), inputs);
  if (score < MIN_SCORE)
    return "This password is too easy to guess. Avoid names, common words and patterns; several unrelated words or a longer phrase work well.";
  return null;
}

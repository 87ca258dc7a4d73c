import { randomBytes, randomUUID } from "node:crypto";

export type Rng = () => number;

const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const SECRET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Default randomness; the org generator swaps in a seeded one so generated orgs repeat exactly. */
let rng: Rng = () => randomBytes(4).readUInt32BE(0) / 0x100000000;

export function withRng<T>(seeded: Rng, fn: () => T): T {
  const previous = rng;
  rng = seeded;
  try {
    return fn();
  } finally {
    rng = previous;
  }
}

export function randomString(length: number, alphabet: string): string {
  let s = "";
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(rng() * alphabet.length)];
  return s;
}

/** IAM ids: prefix + 17 upper-case alphanumerics, 21 characters (docs/iam-facts.md#identifiers-and-names). */
export function newId(prefix: "AIDA" | "AGPA" | "AROA" | "ANPA" | "AIPA" | "APKA" | "ACCA"): string {
  return prefix + randomString(17, UPPER_ALNUM);
}

/**
 * Signing-certificate ids are longer than other ids: the API model allows 24 to 128 word
 * characters, and a strict client (boto3) will not send a shorter one back.
 */
export function newCertificateId(): string {
  return "ASCA" + randomString(28, UPPER_ALNUM);
}

export function newAccessKeyId(): string {
  return "AKIA" + randomString(16, UPPER_ALNUM);
}

/** Temporary (STS) credentials: ASIA plus 16 characters. */
export function newSessionKeyId(): string {
  return "ASIA" + randomString(16, UPPER_ALNUM);
}

export function newSecret(): string {
  return randomString(40, SECRET_CHARS);
}

/** randomUUID draws from a cached entropy pool: one randomBytes call per request cost ~10 % of the rate. */
export function newRequestId(): string {
  return randomUUID();
}

/** mulberry32: small, fast, good enough for deterministic fixtures and fault injection. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

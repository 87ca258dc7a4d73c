import type { IncomingMessage } from "node:http";

const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLarge extends Error {}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.removeAllListeners("data");
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Form or query string to a parameter map; the first occurrence of a name wins. */
export function parseForm(text: string, into = new Map<string, string>()): Map<string, string> {
  if (!text) return into;
  for (const pair of text.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? "" : pair.slice(eq + 1);
    const key = decode(rawKey);
    if (!into.has(key)) into.set(key, decode(rawValue));
  }
  return into;
}

/** Lenient percent-decoding: a malformed escape stays literal instead of failing the request. */
function decode(s: string): string {
  const plus = s.replace(/\+/g, " ");
  try {
    return decodeURIComponent(plus);
  } catch {
    return plus.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
}

export interface Credential {
  keyId?: string;
  region: string;
  service: string;
}

/** The signature is ignored; only the key id and scope matter (docs/iam-facts.md#requests-and-signing). */
export function parseCredential(authorization: string | undefined, params: Map<string, string>): Credential {
  const source = authorization ?? params.get("X-Amz-Credential") ?? "";
  const m =
    /Credential=([^/,\s]+)\/[^/]*\/([^/]*)\/([^/]*)\//.exec(source) ??
    /^([^/,\s]+)\/[^/]*\/([^/]*)\/([^/]*)\//.exec(source);
  if (!m) return { region: "us-east-1", service: "iam" };
  return { keyId: m[1], region: m[2] || "us-east-1", service: m[3] || "iam" };
}

import { IamError, invalidClientToken } from "../model/errors";
import type { State } from "../model/types";
import { readSignatureClaim, verifySignature, type IncomingSignedRequest } from "./sigv4";

// Authentication with the sandbox's `auth: "on"`: a request is accepted only when it is signed
// with the management account root's key, with an active access key of a user of one of the
// accounts, or with a session's key (docs/iam-facts.md#requests-and-signing).

export interface RootCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** The example pair from AWS's documentation, so unchanged clients work with documented values. */
export const EXAMPLE_ROOT_CREDENTIALS: RootCredentials = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};

/** The secret a key signs with, and the session token it must carry (temporary credentials). */
function secretOf(
  keyId: string,
  state: State,
  root: RootCredentials,
): { secret: string; token?: string } | undefined {
  if (keyId === root.accessKeyId) return { secret: root.secretAccessKey };
  const session = state.sessions?.get(keyId);
  if (session) return { secret: session.secret, token: session.token };
  const owner = state.keyOwners.get(keyId);
  const key = owner ? state.users.get(owner)?.accessKeys.find((k) => k.id === keyId) : undefined;
  return key?.status === "Active" ? { secret: key.secret } : undefined;
}

/**
 * Throws the IamError AWS answers with unless the request is signed by a key the account has;
 * returns that account (`accountOf` finds the account that holds a key id).
 */
export async function authenticate(
  req: IncomingSignedRequest,
  accountOf: (keyId: string) => State,
  root: RootCredentials,
  now = new Date(),
  /** the signing scopes this endpoint answers for: IAM/STS's query API, or CloudTrail's JSON one */
  services: readonly string[] = ["iam", "sts"],
): Promise<State> {
  const claim = readSignatureClaim(req, now);
  if (!services.includes(claim.service))
    throw new IamError(
      "SignatureDoesNotMatch",
      `Credential should be scoped to correct service: '${services[0]}'. `,
      403,
    );
  const state = accountOf(claim.accessKeyId);
  const known = secretOf(claim.accessKeyId, state, root);
  // A session's key works only with its own token; a long-term key with none.
  if (!known || claim.sessionToken !== known.token) throw invalidClientToken();
  await verifySignature(req, claim, known.secret);
  return state;
}

import { UserError, type ErrorCode } from "@/lib/errors";

// Every AWS SDK error is mapped here once, into a kind the rest of the app can act on (retry,
// skip, show the reason) and a message that is safe to show: AWS's own sentence for the cases
// where it names the entity or the conflict, a fixed sentence otherwise. Stack traces, endpoints
// and request ids stay out of the message.

export type IamErrorKind =
  | "not-found" // NoSuchEntity
  | "already-exists" // EntityAlreadyExists
  | "conflict" // DeleteConflict (AWS says what still blocks it)
  | "quota" // LimitExceeded
  | "retryable" // throttling, 5xx, temporary states, network
  | "invalid" // the call itself was wrong
  | "denied" // the app's principal may not do it
  | "unknown";

export class IamError extends Error {
  constructor(
    readonly kind: IamErrorKind,
    /** AWS error code without the SDK's "Exception" suffix, e.g. "NoSuchEntity". */
    readonly code: string,
    message: string,
    readonly requestId: string | null,
    /** Attempts the SDK made (its own retries included) before giving up. */
    readonly sdkAttempts: number,
  ) {
    super(message);
    this.name = "IamError";
  }

  get retryable(): boolean {
    return this.kind === "retryable";
  }
}

const KIND_BY_CODE: Record<string, IamErrorKind> = {
  NoSuchEntity: "not-found",
  EntityAlreadyExists: "already-exists",
  DeleteConflict: "conflict",
  LimitExceeded: "quota",
  Throttling: "retryable",
  RequestLimitExceeded: "retryable",
  ServiceFailure: "retryable",
  ServiceUnavailable: "retryable",
  InternalFailure: "retryable",
  EntityTemporarilyUnmodifiable: "retryable",
  ConcurrentModification: "retryable",
  InvalidInput: "invalid",
  ValidationError: "invalid",
  MalformedPolicyDocument: "invalid",
  PolicyNotAttachable: "invalid",
  PasswordPolicyViolation: "invalid",
  DuplicateSSHPublicKey: "invalid",
  DuplicateCertificate: "invalid",
  InvalidAuthenticationCode: "invalid",
  AccessDenied: "denied",
  UnrecognizedClient: "denied",
  InvalidClientTokenId: "denied",
  ExpiredToken: "denied",
};

// Where AWS's own message names the entity or the blocking reason, and never the caller's
// inputs beyond names, it is the most useful thing to show.
const KEEP_AWS_MESSAGE = new Set<IamErrorKind>([
  "not-found",
  "already-exists",
  "conflict",
  "quota",
  "invalid",
]);

const NETWORK = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EAI_AGAIN|socket hang up|TimeoutError|AbortError/i;

type SdkLike = {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
  $response?: { headers?: Record<string, string> };
};

export function toIamError(e: unknown): IamError {
  if (e instanceof IamError) return e;
  const err = (e ?? {}) as SdkLike;
  const code = (err.Code ?? err.name ?? "Error").replace(/Exception$/, "");
  const status = err.$metadata?.httpStatusCode;
  const requestId = err.$metadata?.requestId ?? err.$response?.headers?.["x-amzn-requestid"] ?? null;
  const sdkAttempts = err.$metadata?.attempts ?? 1;
  let kind = KIND_BY_CODE[code] ?? "unknown";
  if (kind === "unknown" && status !== undefined && status >= 500) kind = "retryable";
  if (kind === "unknown" && status === undefined && NETWORK.test(`${err.name} ${err.code} ${err.message}`))
    kind = "retryable";
  return new IamError(kind, code, humanMessage(kind, code, err.message), requestId, sdkAttempts);
}

function humanMessage(kind: IamErrorKind, code: string, awsMessage: string | undefined): string {
  const aws = (awsMessage ?? "").trim().slice(0, 500);
  if (KEEP_AWS_MESSAGE.has(kind) && aws) return `${code}: ${aws}`;
  switch (code) {
    case "Throttling":
    case "RequestLimitExceeded":
      return "IAM throttled the call (rate exceeded).";
    case "EntityTemporarilyUnmodifiable":
      return "IAM cannot change the entity right now (it was just changed); try again shortly.";
    case "ConcurrentModification":
      return "Another change to the same entity was in progress.";
  }
  if (kind === "retryable")
    return code === "Error" ? "IAM could not be reached." : `IAM had a temporary failure (${code}).`;
  if (kind === "denied") return `The app's AWS identity is not allowed to do this (${code}).`;
  return `IAM refused the call (${code}).`;
}

const USER_CODE: Record<IamErrorKind, ErrorCode> = {
  "not-found": "NOT_FOUND",
  "already-exists": "CONFLICT",
  conflict: "CONFLICT",
  quota: "CONFLICT",
  retryable: "UNAVAILABLE",
  invalid: "INVALID_INPUT",
  denied: "FORBIDDEN",
  unknown: "INTERNAL",
};

/** The error as one the action wrapper may show to the person who caused it. */
export function iamUserError(e: unknown): UserError {
  const err = toIamError(e);
  return new UserError(err.message, USER_CODE[err.kind]);
}

export function isNotFound(e: unknown): boolean {
  return toIamError(e).kind === "not-found";
}

/** The read's result, or null when IAM says the entity does not exist; other errors propagate. */
export async function unlessNotFound<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

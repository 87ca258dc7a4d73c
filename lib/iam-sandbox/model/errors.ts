// IAM error codes and the HTTP status AWS sends with each (docs/iam-facts.md#responses-and-errors,
// botocore service-2.json).
const STATUS: Record<string, number> = {
  NoSuchEntity: 404,
  NotSupportedService: 404,
  ReportInProgress: 404,
  EntityAlreadyExists: 409,
  DeleteConflict: 409,
  LimitExceeded: 409,
  ConcurrentModification: 409,
  EntityTemporarilyUnmodifiable: 409,
  DuplicateCertificate: 409,
  InvalidAuthenticationCode: 403,
  AccessDenied: 403,
  ReportNotPresent: 410,
  ReportExpired: 410,
  ServiceFailure: 500,
  PolicyEvaluation: 500,
  RequestEntityTooLarge: 413,
};

export class IamError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, message: string, status?: number) {
    super(message);
    this.code = code;
    this.status = status ?? STATUS[code] ?? 400;
  }
}

export const noSuchUser = (name: string) =>
  new IamError("NoSuchEntity", `The user with name ${name} cannot be found.`);
export const noSuchGroup = (name: string) =>
  new IamError("NoSuchEntity", `The group with name ${name} cannot be found.`);
export const noSuchRole = (name: string) =>
  new IamError("NoSuchEntity", `The role with name ${name} cannot be found.`);
export const nameTaken = (kind: "User" | "Group" | "Role", name: string) =>
  new IamError("EntityAlreadyExists", `${kind} with name ${name} already exists.`);
export const limit = (quota: string, value: number) =>
  new IamError("LimitExceeded", `Cannot exceed quota for ${quota}: ${value}`);
export const conflict = (message: string) => new IamError("DeleteConflict", message);
/** An unknown, inactive or deleted key, or a session token the account did not issue (403). */
export const invalidClientToken = () =>
  new IamError("InvalidClientTokenId", "The security token included in the request is invalid.", 403);
export const invalidInput = (message: string) => new IamError("InvalidInput", message);

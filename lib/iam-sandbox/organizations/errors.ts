import type { JsonAnswer } from "../cloudtrail/handler";

// Organizations' errors over JSON 1.1: `__type` and `Message`, and InvalidInputException's
// `Reason` (botocore's model lists the reasons).

export type OrgInput = Record<string, unknown>;

export class OrganizationsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly reason?: string,
  ) {
    super(message);
  }

  static invalid(reason: string, message: string): OrganizationsError {
    return new OrganizationsError("InvalidInputException", message, 400, reason);
  }

  answer(): JsonAnswer {
    return {
      status: this.status,
      body: { __type: this.code, Message: this.message, ...(this.reason ? { Reason: this.reason } : {}) },
    };
  }
}

/** What a member account gets for the calls only the management account may make. */
export const managementOnly = () =>
  new OrganizationsError("AccessDeniedException", "You don't have permissions to access this resource.");

export const notInUse = () =>
  new OrganizationsError(
    "AWSOrganizationsNotInUseException",
    "Your account is not a member of an organization.",
  );

import { DeleteConflictException, IAMServiceException, NoSuchEntityException } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { iamUserError, toIamError } from "./errors";

const meta = { httpStatusCode: 409, requestId: "req-1", attempts: 3 };

function unmodelled(name: string, status: number, message: string) {
  return new IAMServiceException({
    name,
    $fault: status >= 500 ? "server" : "client",
    message,
    $metadata: { ...meta, httpStatusCode: status },
  });
}

describe("toIamError", () => {
  it("maps NoSuchEntity to not-found and keeps AWS's sentence, request id and attempts", () => {
    const e = toIamError(
      new NoSuchEntityException({
        message: "The user with name bob cannot be found.",
        $metadata: { ...meta, httpStatusCode: 404 },
      }),
    );
    expect(e).toMatchObject({
      kind: "not-found",
      code: "NoSuchEntity",
      message: "NoSuchEntity: The user with name bob cannot be found.",
      requestId: "req-1",
      sdkAttempts: 3,
      retryable: false,
    });
  });

  it("keeps AWS's reason for a DeleteConflict", () => {
    const e = toIamError(
      new DeleteConflictException({
        message: "Cannot delete entity, must delete access keys first.",
        $metadata: meta,
      }),
    );
    expect(e).toMatchObject({
      kind: "conflict",
      message: expect.stringContaining("must delete access keys first"),
    });
  });

  it.each([
    ["Throttling", 400, "IAM throttled the call (rate exceeded)."],
    ["ServiceFailure", 500, "IAM had a temporary failure (ServiceFailure)."],
    ["EntityTemporarilyUnmodifiable", 409, expect.stringContaining("cannot change the entity right now")],
    ["ConcurrentModification", 409, expect.stringContaining("Another change")],
    ["SomethingNew", 503, "IAM had a temporary failure (SomethingNew)."],
  ])("treats %s (%i) as retryable", (name, status, message) => {
    expect(toIamError(unmodelled(name, status, "raw internals"))).toMatchObject({
      kind: "retryable",
      retryable: true,
      message,
    });
  });

  it("maps quota, invalid input and denial, and hides messages of unknown errors", () => {
    expect(
      toIamError(unmodelled("LimitExceeded", 409, "Cannot exceed quota for AccessKeysPerUser: 2")).kind,
    ).toBe("quota");
    expect(toIamError(unmodelled("MalformedPolicyDocument", 400, "Syntax errors in policy.")).kind).toBe(
      "invalid",
    );
    expect(
      toIamError(unmodelled("AccessDenied", 403, "User arn:aws:iam::1:user/app is not authorized")).message,
    ).toBe("The app's AWS identity is not allowed to do this (AccessDenied).");
    expect(toIamError(unmodelled("Weird", 400, "stack at line 3")).message).toBe(
      "IAM refused the call (Weird).",
    );
  });

  it("treats a refused connection as retryable and says so without internals", () => {
    const e = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:4580"), { code: "ECONNREFUSED" });
    expect(toIamError(e)).toMatchObject({ kind: "retryable", message: "IAM could not be reached." });
  });

  it("gives the action wrapper a UserError with a matching code", () => {
    expect(iamUserError(unmodelled("LimitExceeded", 409, "quota"))).toMatchObject({
      name: "UserError",
      code: "CONFLICT",
    });
    expect(iamUserError(new NoSuchEntityException({ message: "x", $metadata: meta }))).toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

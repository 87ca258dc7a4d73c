/**
 * The element names the IAM policy grammar allows, as the IAM User Guide's "policy elements"
 * reference lists them. Shared by the parser here and by the sandbox's IAM-side validation.
 */
export const POLICY_KEYS: ReadonlySet<string> = new Set(["Version", "Id", "Statement"]);

export const STATEMENT_KEYS: ReadonlySet<string> = new Set([
  "Sid",
  "Effect",
  "Principal",
  "NotPrincipal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
]);

export const PRINCIPAL_KEYS: ReadonlySet<string> = new Set(["AWS", "Service", "Federated", "CanonicalUser"]);

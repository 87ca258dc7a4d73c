// Client-safe values of lib/templates (no database, no server-only): what client components may import.
export { AWS_MANAGED_POLICIES, CHANGE_PASSWORD_ARN } from "./aws-managed";
export { SERVICE_ROLE_TEMPLATES, TRUSTED_SERVICES, trustPolicy } from "./service-roles";
export { publishedVersion } from "./published";
/** The Require MFA policy template's name (require-mfa.ts): the customer managed policy it becomes. */
export const REQUIRE_MFA_TEMPLATE = "GatehouseRequireMFA";

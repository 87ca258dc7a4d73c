import type { AccessLevel, Catalog } from "./catalog";

/** Access level of an action such as "iam:AttachUserPolicy"; undefined if the catalogue does not know it. */
export function levelOf(action: string, catalog: Catalog): AccessLevel | undefined {
  return catalog.levelOf(action);
}

/** Display name of a service prefix ("s3" → "Amazon S3"), falling back to the prefix itself. */
export function serviceDisplayName(prefix: string, catalog: Catalog): string {
  return catalog.serviceName(prefix) ?? prefix;
}

import {
  paginateGetAccountAuthorizationDetails,
  type EntityType,
  type GetAccountAuthorizationDetailsCommandOutput,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { notRecorded, type Recorder } from "./pages";

/**
 * The account's authorization details, page by page (1,000 entries a page): users with their
 * groups and policies, groups, roles, and the managed policies in use with all their versions;
 * `filter` keeps only some entity types. Policy documents in it are percent-encoded: read them
 * with `decodePolicyText` (@/lib/policy).
 */
export async function* authorizationDetailPages(
  iam: IAMClient,
  filter?: EntityType[],
  record: Recorder = notRecorded,
): AsyncGenerator<GetAccountAuthorizationDetailsCommandOutput> {
  // JS paginators stop on a missing Marker, not on IsTruncated (docs/iam-facts.md#pagination).
  for await (const page of paginateGetAccountAuthorizationDetails(
    { client: iam, pageSize: 1000 },
    filter ? { Filter: filter } : {},
  ))
    yield record(page);
}

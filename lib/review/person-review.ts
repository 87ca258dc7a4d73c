import { personDetail, type PersonDetail } from "./person";
import { driftMarks, type DriftMarks } from "./person-drift";
import { reviewData } from "./review-data";

export interface PersonReview {
  detail: PersonDetail;
  drift: DriftMarks;
  /** When the snapshot read the account: the age the person page says beside it. */
  syncedAt: Date;
}

/**
 * One IAM user as the review sees them, for the person page: access by service with the why,
 * and their out-of-band changes. Null when there is no snapshot or the snapshot lacks the user.
 * `roleGroups`: job role → its group (lib/job-roles' jobRoleGroups), as the review person page.
 */
export async function personReview(
  userName: string,
  roleGroups: Map<string, string>,
  accountId?: string | null,
): Promise<PersonReview | null> {
  const data = await reviewData({ accountId });
  const detail = data && personDetail(data.snapshot, userName, data.people, roleGroups);
  if (!data || !detail) return null;
  return { detail, drift: driftMarks(data.driftItems, detail.user.name), syncedAt: data.snapshot.syncedAt };
}

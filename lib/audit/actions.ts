// Every kind of audit entry the app writes: `<domain>.<what happened>`, in the past tense (a
// past participle, or `<noun>_<participle>`). The audit writer takes only these.
//
// Stored entries are never rewritten (each is hashed into the chain), so entries written before
// a rename keep their old name; LEGACY_AUDIT_ACTIONS maps each old name to today's, and the
// audit filter finds both.

export const AUDIT_ACTIONS = [
  /** An AWS account was added by its role (lib/aws-accounts), or one removed before was again. */
  "accounts.added",
  /** An add whose connection check failed: nothing was stored. */
  "accounts.add_refused",
  "accounts.discovered",
  /** A discovery AWS Organizations refused (the management policy missing, no organization, …). */
  "accounts.discovery_refused",
  "accounts.removed",

  "audit.exported",
  "audit.verified",

  "auth.password_change_failed",
  "auth.password_changed",
  "auth.session_ended",
  "auth.signed_in",
  "auth.signed_out",
  "auth.signin_failed",
  "auth.signin_failed_unknown",
  "auth.signin_refused",
  "auth.sso_linked",

  "credentials.handed_over",
  "credentials.reissue_requested",
  "secret.reissued",

  /** A job role's accounts changed by a jobrole.accounts request that succeeded (lib/job-roles). */
  "job_roles.accounts_changed",

  "people.created",
  "people.linked",
  /** A person's IAM user in another AWS account, confirmed by an operator (PersonAccountLink). */
  "people.account_linked",
  /** Such a link taken back; IAM is not touched. */
  "people.account_unlinked",
  /** A suggested IAM user an operator said is not this person. */
  "people.suggestion_dismissed",
  "people.offboarded",
  "people.updated",

  "request.abandoned",
  "request.approved",
  "request.created",
  "request.execution_resumed",
  "request.execution_started",
  "request.expired",
  "request.failed",
  "request.follow_up_failed",
  "request.paused_for_admin",
  "request.rejected",
  "request.replan_refused",
  /** An admin re-planned a request that had not run yet (a new plan replaces the old one). */
  "request.replanned",
  /** Execution met a conflict and steps were added to the running plan. */
  "request.replanned_on_conflict",
  "request.resume_refused",
  /** A waiting request's wait moved: ended early (now), extended, or a cut-off moved. */
  "request.rescheduled",
  "request.succeeded",
  /** The steps left wait for a time (a grant's end, a cut-off, a key's next check): `data.until`. */
  "request.waiting",

  "review.campaign.created",
  "review.campaign.decided",
  "review.campaign.signed_off",
  "review.synced",
  /** An out-of-band drift item an operator or admin looked at and acknowledged, with the note. */
  "review.drift_acknowledged",
  /** A sync of one account could not reach it or failed; `data.problem` says why, in words. */
  "review.sync_failed",

  "settings.updated",

  "step.done",
  "step.failed",
  "step.skipped",

  "team.disabled",
  "team.enabled",
  "team.invited",
  "team.promotion_approved",
  "team.promotion_rejected",
  "team.promotion_requested",
  "team.role_changed",
  "team.unlocked",

  "template.created",
  "template.version_created",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Names stored before issue 13, with today's name. (Entries named `request.replanned` before
 * then are either kind; those with `data.reason: "conflict"` are today's
 * `request.replanned_on_conflict`.)
 */
export const LEGACY_AUDIT_ACTIONS: Readonly<Record<string, AuditAction>> = {
  "auth.signin": "auth.signed_in",
  "auth.signout": "auth.signed_out",
  "request.waiting_for_admin": "request.paused_for_admin",
  "review.campaign.create": "review.campaign.created",
  "review.campaign.decide": "review.campaign.decided",
  "review.campaign.signoff": "review.campaign.signed_off",
  "review.sync": "review.synced",
  "team.invite": "team.invited",
};

/** Old stored names whose current name starts with `prefix` (and which the prefix itself misses). */
export function legacyActionsMatching(prefix: string): string[] {
  return Object.entries(LEGACY_AUDIT_ACTIONS)
    .filter(([old, now]) => now.startsWith(prefix) && !old.startsWith(prefix))
    .map(([old]) => old);
}

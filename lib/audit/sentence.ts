// The audit log read as sentences ("admin@… approved #12 Onboard Sally"), for the Audit page.
// Pure: the page looks up what entries name (requests, people) and passes it in, so this file
// knows only the entry. Every kind has a phrase (a Record over AuditAction, so a new kind fails
// to compile until it has one); `{x}` in a phrase is where the thing it is about goes.

import { LEGACY_AUDIT_ACTIONS, type AuditAction } from "./actions";
import type { AuditEntryView } from "./query";

const PHRASES: Record<AuditAction, string> = {
  "accounts.added": "added AWS account {x}",
  "accounts.add_refused": "tried to add AWS account {x}; the connection check failed and nothing was stored",
  "accounts.discovered": "discovered AWS accounts from AWS Organizations",
  "accounts.discovery_refused": "tried to discover AWS accounts; AWS Organizations refused",
  "accounts.removed": "removed AWS account {x}",
  "audit.exported": "exported the audit log",
  "audit.verified": "verified the audit chain",
  "auth.password_change_failed": "failed to change the password of {x}",
  "auth.password_changed": "changed the password of {x}",
  "auth.session_ended": "ended a session of {x}",
  "auth.signed_in": "signed in as {x}",
  "auth.signed_out": "signed out {x}",
  "auth.signin_failed": "failed to sign in as {x}",
  "auth.signin_failed_unknown": "failed to sign in with an e-mail Gatehouse does not know",
  "auth.signin_refused": "was refused sign-in as {x}",
  "auth.sso_linked": "linked single sign-on to {x}",
  "credentials.handed_over": "marked the credentials of {x} handed over",
  "credentials.reissue_requested": "asked for new credentials in {x}",
  "secret.reissued": "re-issued credentials in {x}",
  "job_roles.accounts_changed": "changed the AWS accounts of job role {x}",
  "people.created": "added person {x}",
  "people.linked": "linked IAM user {x} to a person",
  "people.account_linked": "linked IAM user {x} to a person",
  "people.account_unlinked": "unlinked IAM user {x} from a person",
  "people.suggestion_dismissed": "dismissed IAM user {x} as not this person",
  "people.offboarded": "offboarded {x}",
  "people.updated": "updated person {x}",
  "request.abandoned": "abandoned {x}",
  "request.approved": "approved {x}",
  "request.created": "requested {x}",
  "request.execution_resumed": "resumed executing {x}",
  "request.execution_started": "started executing {x}",
  "request.expired": "expired {x}",
  "request.failed": "ran {x}, which failed",
  "request.follow_up_failed": "ran {x}; IAM changed, but Gatehouse's own bookkeeping after it failed",
  "request.paused_for_admin": "paused {x}: the next step creates a credential an admin must see",
  "request.rejected": "rejected {x}",
  "request.replan_refused": "could not re-plan {x}",
  "request.replanned": "re-planned {x}",
  "request.replanned_on_conflict": "re-planned {x} after IAM changed during the run",
  "request.rescheduled": "moved the wait of {x}",
  "request.resume_refused": "could not resume {x}",
  "request.succeeded": "completed {x}",
  "request.waiting": "scheduled the rest of {x}",
  "review.campaign.created": "started access review {x}",
  "review.campaign.decided": "recorded a decision in access review {x}",
  "review.campaign.signed_off": "signed off access review {x}",
  "review.drift_acknowledged": "acknowledged out-of-band drift on {x}",
  "review.synced": "synced IAM",
  "review.sync_failed": "could not sync AWS account {x}",
  "settings.updated": "changed settings",
  "step.done": "ran a step of {x}",
  "step.failed": "ran a step of {x}, which failed",
  "step.skipped": "skipped a step of {x}",
  "team.disabled": "disabled team member {x}",
  "team.enabled": "enabled team member {x}",
  "team.invited": "invited {x} to the team",
  "team.promotion_approved": "approved the promotion of {x}",
  "team.promotion_rejected": "rejected the promotion of {x}",
  "team.promotion_requested": "asked to promote {x}",
  "team.role_changed": "changed the role of {x}",
  "team.unlocked": "unlocked the sign-in of {x}",
  "template.created": "created policy template {x}",
  "template.version_created": "saved a new version of policy template {x}",
};

/** Phrases for an entry whose target is its actor: "signed in", not "signed in as" themselves. */
const SELF_PHRASES: Partial<Record<AuditAction, string>> = {
  "auth.password_change_failed": "failed to change their password",
  "auth.password_changed": "changed their password",
  "auth.session_ended": "ended one of their sessions",
  "auth.signed_in": "signed in",
  "auth.signed_out": "signed out",
  "auth.signin_failed": "failed to sign in",
  "auth.sso_linked": "linked their single sign-on",
  "credentials.handed_over": "marked their credentials handed over",
};

/** What the page knows about the things entries name. */
export type AuditLinks = {
  /** Request id → its number and title. */
  requests: ReadonlyMap<string, { number: number; summary: string }>;
  /** Lower-cased IAM user name or e-mail → the person's id (their page). */
  people: ReadonlyMap<string, string>;
};

export type AuditSentence = {
  /** Who did it, "Gatehouse" for the app's own loops (actor "system" or "system:<what>"). */
  actor: string;
  /** The phrase around the object: `before` {object} `after`. */
  before: string;
  after: string;
  /** The thing the entry is about, with the page it lives on when there is one. */
  object: { label: string; href?: string } | null;
  /** A reason, a step's title or an error, in words. */
  detail?: string;
};

/** Today's name of a stored kind (entries keep the name they were written with). */
export function currentAction(action: string): string {
  return LEGACY_AUDIT_ACTIONS[action] ?? action;
}

/** An entry's data as the object every writer stores (anything else reads as empty). */
export function auditData(e: Pick<AuditEntryView, "data">): Record<string, unknown> {
  return e.data && typeof e.data === "object" && !Array.isArray(e.data)
    ? (e.data as Record<string, unknown>)
    : {};
}

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v : undefined);

function requestObject(e: AuditEntryView, links: AuditLinks) {
  const known = e.requestId ? links.requests.get(e.requestId) : undefined;
  const number = known?.number ?? (typeof auditData(e).number === "number" ? auditData(e).number : undefined);
  const summary = known?.summary ?? str(auditData(e).summary);
  const label = [number !== undefined ? `#${number}` : "a request", summary].filter(Boolean).join(" ");
  return { label, href: e.requestId ? `/requests/${e.requestId}` : undefined };
}

const ABOUT_REQUEST = /^(request|step|secret|credentials\.reissue)/;

/** The thing an entry's target names, and where it is shown. */
function targetObject(e: AuditEntryView, action: string, target: string, links: AuditLinks) {
  const person = (key: string) => links.people.get(key.toLowerCase());
  const [type, ...rest] = target.split("/");
  const name = rest.join("/");
  if (rest.length > 0) {
    if (type === "user") {
      const id = person(name);
      return { label: name, href: id ? `/people/${id}` : `/review/person/${encodeURIComponent(name)}` };
    }
    if (type === "policy") return { label: name, href: `/templates/${encodeURIComponent(name)}` };
    if (type === "group" || type === "job-role") return { label: name, href: "/groups" };
    if (type === "role") return { label: name, href: "/roles" };
  }
  if (action.startsWith("template."))
    return { label: target, href: `/templates/${encodeURIComponent(target)}` };
  // A campaign's target is its id: name it by its name when the entry holds one.
  if (action.startsWith("review.campaign."))
    return {
      label: str(auditData(e).name) ?? "(open)",
      href: `/review/campaigns/${encodeURIComponent(target)}`,
    };
  if (action.startsWith("accounts.") || action === "review.sync_failed")
    return { label: target, href: "/accounts" };
  if (action.startsWith("team.")) return { label: target, href: "/settings/team" };
  const id = person(target);
  if (action.startsWith("people.") || action === "credentials.handed_over")
    return { label: target, href: id ? `/people/${id}` : undefined };
  return { label: target };
}

function detailOf(action: string, data: Record<string, unknown>): string | undefined {
  const parts: string[] = [];
  const reason = str(data.reason);
  if (reason && action !== "request.replanned") parts.push(`“${reason}”`);
  if (action === "review.drift_acknowledged" && str(data.summary)) parts.push(String(data.summary));
  const note = str(data.note);
  if (note) parts.push(`“${note}”`);
  const title = str(data.title);
  if (title) parts.push(typeof data.order === "number" ? `step ${data.order}: ${title}` : title);
  const error = str(data.error) ?? str(data.problem);
  if (error) parts.push(error);
  if (action === "team.role_changed" && str(data.before) && str(data.after))
    parts.push(`from ${data.before} to ${data.after}`);
  if (action === "audit.verified")
    parts.push(data.ok ? `intact, ${data.entries} entries` : `broken at entry #${data.brokenAt}`);
  return parts.length ? parts.join(" · ") : undefined;
}

export function auditSentence(e: AuditEntryView, links: AuditLinks): AuditSentence {
  const action = currentAction(e.action);
  const self = e.target?.toLowerCase() === e.actor.toLowerCase();
  const phrase =
    (self ? SELF_PHRASES[action as AuditAction] : undefined) ??
    PHRASES[action as AuditAction] ??
    `${action} {x}`;
  const [before, after = ""] = phrase.split("{x}");
  const object = !phrase.includes("{x}")
    ? null
    : ABOUT_REQUEST.test(action) && (e.requestId || auditData(e).number !== undefined)
      ? requestObject(e, links)
      : e.target
        ? targetObject(e, action, e.target, links)
        : null;
  return {
    // "system", "system:offboarding", …: the app's own loops and follow-ups.
    actor: /^system(:|$)/.test(e.actor) ? "Gatehouse" : e.actor,
    // No object to name: the phrase without its slot ("signed in", "synced IAM").
    before: object ? before.trimEnd() : phrase.replace(/ ?\{x\}/, ""),
    after: object ? after : "",
    object,
    detail: detailOf(action, auditData(e)),
  };
}

/** The event-type picker's choices: each domain's kinds, with today's names only. */
export function auditKindGroups(actions: readonly string[]): { domain: string; kinds: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const a of actions) {
    const domain = a.split(".")[0];
    groups.set(domain, [...(groups.get(domain) ?? []), a]);
  }
  return [...groups].map(([domain, kinds]) => ({ domain, kinds }));
}

/** "request.replanned_on_conflict" → "replanned on conflict": a kind's own words, for the picker. */
export function kindWords(action: string): string {
  return action.split(".").slice(1).join(" ").replaceAll("_", " ");
}

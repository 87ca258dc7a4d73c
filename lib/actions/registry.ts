import type { MemberRole } from "@/lib/auth/roles";

// Every server action and route handler, with the least role that may call it. The action
// wrapper takes its role from here, so the table cannot disagree with the code; the
// refusal test (e2e/access-control.spec.ts) walks it against the running app.

export const ACTION_ROLES = {
  "team.invite": "admin",
  "team.changeRole": "admin",
  "team.setDisabled": "admin",
  "team.decidePromotion": "admin",
  "team.unlock": "admin",
  "account.changePassword": "auditor",
  "account.endSession": "auditor",
  "account.endOtherSessions": "auditor",
  "settings.updateApprovals": "admin",
  "audit.verify": "auditor",
  "accounts.add": "admin",
  "accounts.remove": "admin",
  "accounts.check": "admin",
  "accounts.discover": "admin",
  "people.create": "operator",
  "people.update": "operator",
  "people.link": "operator",
  "people.linkAccountUser": "operator",
  "people.unlinkAccountUser": "operator",
  "people.dismissAccountUser": "operator",
  "offboard.start": "admin",
  "templates.lint": "operator",
  "templates.save": "operator",
  "requests.preview": "operator",
  "requests.create": "operator",
  "requests.replan": "operator",
  "requests.resubmit": "operator",
  "requests.approve": "admin",
  "requests.reject": "admin",
  "requests.execute": "admin",
  "requests.retry": "admin",
  "requests.abandon": "admin",
  "requests.handedOver": "admin",
  "requests.reissueCredentials": "admin",
  "review.sync": "operator",
  // Operators look after drift as they run syncs; it changes no IAM and is audited with its note.
  "review.acknowledgeDrift": "operator",
  "review.syncAll": "admin",
  "review.setSyncInterval": "admin",
  "review.setRetention": "admin",
  "review.campaignCreate": "operator",
  "review.campaignDecide": "operator",
  "review.campaignSignOff": "admin",
  // Credential hygiene: requesting is proposing (operators); the key policy is account configuration.
  "credentials.requireMfa": "operator",
  "credentials.jobRoleMfa": "operator",
  "credentials.setKeyPolicy": "admin",
} as const satisfies Record<string, MemberRole>;

export type ActionName = keyof typeof ACTION_ROLES;

/**
 * The only actions a member who signed in with a one-time password may call before choosing
 * their own password. Every other action, page and route refuses them (lib/auth/session.ts).
 */
export const ALLOWED_BEFORE_PASSWORD_CHANGE: ReadonlySet<ActionName> = new Set(["account.changePassword"]);

/** Route handlers, keyed by method and the App Router path. `api/auth` is next-auth's own. */
export const ROUTE_ROLES = {
  "GET /api/connection": "auditor",
  "GET /api/audit/export": "auditor",
  "GET /api/requests/[id]": "auditor",
  "GET /api/review/status": "auditor",
  "GET /api/review/matrix": "auditor",
  "GET /api/review/export": "auditor",
  "GET /api/review/person/[user]/export": "auditor",
  "GET /api/review/campaigns/[id]/export": "auditor",
} as const satisfies Record<string, MemberRole>;

export type RouteName = keyof typeof ROUTE_ROLES;

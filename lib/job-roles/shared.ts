// Where onboarding goes by default, from the chosen job roles' accounts (client-safe: the
// onboarding wizard defaults its account checkboxes with it, and user.onboard plans with it when
// the request names no accounts, so the two never disagree).

/**
 * The accounts of the chosen job roles, sorted: a role that names none counts as the app's own
 * account (`home`). null when no chosen role names accounts: the app's own account only, planned
 * as before accounts existed.
 */
export function defaultAccounts(
  chosen: readonly { accounts: readonly string[] | null }[],
  home: string | null,
): string[] | null {
  if (!chosen.some((r) => r.accounts?.length)) return null;
  const ids = chosen.flatMap((r) => (r.accounts?.length ? r.accounts : home ? [home] : []));
  return [...new Set(ids)].sort();
}

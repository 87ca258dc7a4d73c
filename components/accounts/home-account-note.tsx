import type { ReactNode } from "react";

/** An account as the note needs it: its id, its name, whether it is the app's own. */
type NoteAccount = { id: string; name: string; home: boolean };

const DEFAULT_HOME_NAME = "Gatehouse's own account";

/** "Gatehouse's own account, Example Company (123456789012)", or without the name when it is the default. */
export function homeAccountLabel(home: { id: string; name: string }): string {
  return home.name === DEFAULT_HOME_NAME
    ? `${DEFAULT_HOME_NAME} (${home.id})`
    : `${DEFAULT_HOME_NAME}, ${home.name} (${home.id})`;
}

/**
 * A line saying that what a page lists is read from the app's own account only, shown when
 * Gatehouse manages more than one account (with one, there is nothing to tell apart).
 * `subject`: what is listed ("IAM groups"); `children`: where the other accounts' ones are.
 */
export function HomeAccountNote({
  accounts,
  subject,
  children,
}: {
  accounts: NoteAccount[];
  subject: string;
  children?: ReactNode;
}) {
  const home = accounts.find((a) => a.home);
  if (accounts.length < 2 || !home) return null;
  return (
    <p data-testid="home-account-note" className="mb-3 text-sm text-slate-600">
      {subject} in {homeAccountLabel(home)}.{children && <> {children}</>}
    </p>
  );
}

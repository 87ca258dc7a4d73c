import type { LinkedUser, PersonAccount } from "@/lib/people";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { SuggestionActions, UnlinkButton } from "./account-link-buttons";
import { Time } from "@/components/ui/time";
import { formatTime } from "@/lib/format-time";

const day = (iso: string | null) => (iso ? formatTime(iso) : "never");

const how = (m: LinkedUser["matchedBy"], email: string) =>
  m === "tag" ? `tagged gatehouse:employee = ${email}` : "same user name";

function UserFacts({ user }: { user: NonNullable<LinkedUser["user"]> }) {
  return (
    <div className="space-y-0.5 text-sm">
      <div className="break-all font-mono text-xs text-slate-500">{user.arn}</div>
      <div>Groups: {user.groups.join(", ") || "none"}</div>
      <div>Console: {user.console.enabled ? `yes, last used ${day(user.passwordLastUsed)}` : "no"}</div>
      <div>
        Keys:{" "}
        {user.accessKeys.length === 0
          ? "none"
          : user.accessKeys.map((k) => (
              <span key={k.id} className="mr-2 inline-flex items-center gap-1">
                <span className="font-mono text-xs">{k.id}</span>
                <Badge tone={k.status === "Active" ? "green" : "neutral"}>{k.status}</Badge>
                <span className="text-xs text-slate-500">
                  used {day(k.lastUsed)}
                  {k.lastService ? ` (${k.lastService})` : ""}
                </span>
              </span>
            ))}
      </div>
    </div>
  );
}

/**
 * The person in each other AWS account Gatehouse manages: a card per account with their linked
 * user (read live: groups, console, keys with last use), the users suggested for them (same user
 * name, or tagged gatehouse:employee with their email) with Link, and why an account could not
 * be read. Operators and admins get the buttons (`canLink`); auditors read.
 */
export function AccountLinks({
  person,
  accounts,
  canLink,
}: {
  person: { id: string; name: string; email: string; iamUserName: string | null; offboarded: boolean };
  accounts: PersonAccount[];
  canLink: boolean;
}) {
  if (accounts.length === 0) return null;
  return (
    <section aria-labelledby="other-accounts" className="space-y-3">
      <div>
        <h2 id="other-accounts" className="text-base font-semibold text-slate-900">
          Other AWS accounts
        </h2>
        <p className="text-sm text-slate-600">
          A user is suggested when it is named {person.iamUserName ?? "like the person's user"} or tagged{" "}
          <code className="text-xs">gatehouse:employee</code> = {person.email}. Linked users are offboarded
          with {person.name}; so are users of their name that are nobody else&apos;s, unless dismissed.
        </p>
      </div>
      <div className="grid gap-4 lg:grid-cols-2" data-testid="account-links">
        {accounts.map((a) => {
          const target = (userName: string) => ({
            employeeId: person.id,
            accountId: a.account.id,
            accountName: a.account.name,
            userName,
          });
          return (
            <div key={a.account.id} data-account={a.account.id}>
              <Card
                title={a.account.name}
                description={
                  <span className="font-mono text-xs">
                    {a.account.id}
                    {a.account.ouPath ? ` · ${a.account.ouPath}` : ""}
                  </span>
                }
              >
                {a.state === "unreachable" && (
                  <p role="status" className="mb-2 text-sm text-red-800">
                    Could not read this account: {a.problem}
                  </p>
                )}
                {a.linked.length > 0 && (
                  <ul className="mb-3 space-y-2">
                    {a.linked.map((l) => (
                      <li key={l.userName} className="rounded-md bg-slate-50 p-2">
                        <div className="flex flex-wrap items-center gap-2">
                          <span className="font-mono text-sm font-medium">{l.userName}</span>
                          <Badge tone="green">Linked</Badge>
                          <span className="text-xs text-slate-500">
                            {how(l.matchedBy, person.email)}; confirmed by {l.confirmedBy} on{" "}
                            <Time value={l.confirmedAt} />
                          </span>
                          {canLink && (
                            <span className="ml-auto">
                              <UnlinkButton target={target(l.userName)} personName={person.name} />
                            </span>
                          )}
                        </div>
                        {"user" in l &&
                          (l.user ? (
                            <UserFacts user={l.user} />
                          ) : (
                            <p
                              className={`text-sm ${person.offboarded ? "text-slate-600" : "text-amber-800"}`}
                            >
                              {person.offboarded
                                ? "Deleted: IAM has no trace of this user any more."
                                : "No such user in this account any more (deleted outside Gatehouse?)."}
                            </p>
                          ))}
                      </li>
                    ))}
                  </ul>
                )}
                {a.state === "read" && a.suggestions.length > 0 && (
                  <>
                    <h3 className="text-xs font-semibold uppercase text-slate-500">Suggested</h3>
                    <ul className="divide-y divide-slate-100">
                      {a.suggestions.map((s) => {
                        const about = (
                          <span className="text-sm">
                            <span className="font-mono font-medium">{s.userName}</span>{" "}
                            <span className="text-xs text-slate-500">
                              {how(s.matchedBy, person.email)} · groups {s.groups.join(", ") || "none"}
                            </span>
                          </span>
                        );
                        return s.linkedTo ? (
                          <li key={s.userName} className="py-1 text-sm">
                            {about}{" "}
                            <span className="text-slate-600">
                              — linked to {s.linkedTo.name}, not to {person.name}.
                            </span>
                          </li>
                        ) : canLink ? (
                          <SuggestionActions key={s.userName} target={target(s.userName)}>
                            {about}
                          </SuggestionActions>
                        ) : (
                          <li key={s.userName} className="py-1">
                            {about}
                          </li>
                        );
                      })}
                    </ul>
                  </>
                )}
                {a.state === "read" && a.dismissed.length > 0 && (
                  <details className="mt-2 text-sm">
                    <summary className="cursor-pointer text-slate-600">
                      {a.dismissed.length} dismissed (not {person.name})
                    </summary>
                    <ul className="divide-y divide-slate-100">
                      {a.dismissed.map((d) => {
                        const about = (
                          <span className="text-sm text-slate-600">
                            <span className="font-mono">{d.userName}</span>{" "}
                            <span className="text-xs">
                              dismissed by {d.dismissedBy} on <Time value={d.dismissedAt} />
                            </span>
                          </span>
                        );
                        return canLink ? (
                          <SuggestionActions key={d.userName} target={target(d.userName)} dismissed>
                            {about}
                          </SuggestionActions>
                        ) : (
                          <li key={d.userName} className="py-1">
                            {about}
                          </li>
                        );
                      })}
                    </ul>
                  </details>
                )}
                {a.state === "read" &&
                  a.linked.length === 0 &&
                  a.suggestions.length === 0 &&
                  a.dismissed.length === 0 && (
                    <p className="text-sm text-slate-600">
                      No user here for {person.name}: none named {person.iamUserName ?? "like theirs"} or
                      tagged with their email.
                    </p>
                  )}
              </Card>
            </div>
          );
        })}
      </div>
    </section>
  );
}

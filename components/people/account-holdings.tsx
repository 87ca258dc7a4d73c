import type { AccountHolding } from "@/lib/aws-accounts";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "never");

/**
 * The person's IAM user in each other AWS account Gatehouse manages (read live from each): its
 * groups, console access and keys with last use, "no user" where there is none, and why where the
 * account could not be read — never a blank that looks like "no access".
 */
export function AccountHoldings({ userName, holdings }: { userName: string; holdings: AccountHolding[] }) {
  if (holdings.length === 0) return null;
  return (
    <Card title="Other AWS accounts">
      <table className="w-full text-left text-sm" data-testid="account-holdings">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th className="py-1">Account</th>
            <th>IAM user {userName}</th>
          </tr>
        </thead>
        <tbody>
          {holdings.map((h) => (
            <tr
              key={h.account.id}
              data-account={h.account.id}
              className="border-t border-slate-100 align-top"
            >
              <td className="py-1.5 pr-4">
                <div className="font-medium">{h.account.name}</div>
                <div className="font-mono text-xs text-slate-500">
                  {h.account.id}
                  {h.account.ouPath ? ` · ${h.account.ouPath}` : ""}
                </div>
              </td>
              <td className="py-1.5">
                {h.state === "none" && <span className="text-slate-600">No IAM user of this name.</span>}
                {h.state === "unreachable" && (
                  <span role="status" className="text-red-800">
                    Could not read: {h.problem}
                  </span>
                )}
                {h.state === "user" && (
                  <div className="space-y-0.5">
                    <div>Groups: {h.user.groups.join(", ") || "none"}</div>
                    <div>
                      Console:{" "}
                      {h.user.console.enabled ? `yes, last used ${day(h.user.passwordLastUsed)}` : "no"}
                    </div>
                    <div>
                      Keys:{" "}
                      {h.user.accessKeys.length === 0
                        ? "none"
                        : h.user.accessKeys.map((k) => (
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
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { KeyRound } from "lucide-react";
import { pageActor } from "@/lib/auth/page";
import {
  consoleUsersWithoutMfa,
  getKeyPolicy,
  keyProposals,
  latestSnapshot,
  snapshotAge,
} from "@/lib/review";
import { AsOf } from "@/components/review/as-of";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { KeyPolicyForm } from "@/components/credentials/key-policy-form";
import { KeyProposals } from "@/components/credentials/key-proposals";
import { RequireMfaButton } from "@/components/credentials/require-mfa-button";

export const metadata: Metadata = { title: "Credential hygiene" };

// Read from the review's latest snapshot: no IAM call per page view (lib/review/key-policy.ts).
export default async function CredentialsPage() {
  const actor = await pageActor("auditor");
  const [snapshot, policy] = await Promise.all([latestSnapshot(), getKeyPolicy()]);
  const canPropose = actor.role !== "auditor";
  const proposals = snapshot ? keyProposals(snapshot.state, policy) : [];
  const noMfa = snapshot ? consoleUsersWithoutMfa(snapshot.state) : [];
  return (
    <>
      <PageHeader
        title="Credential hygiene"
        description="Access keys that break the account's key policy, and console users without MFA. Every fix is a request an admin approves."
        actions={
          <Link href="/review" className="text-sm text-indigo-700 underline">
            Back to the review
          </Link>
        }
      />
      <AsOf what="Credentials" age={snapshot ? snapshotAge(snapshot) : null} />
      <div className="space-y-6">
        <Card
          title="Key policy"
          description="Keys older than the maximum age, or unused for longer than the maximum, are listed below."
        >
          <KeyPolicyForm policy={policy} canEdit={actor.role === "admin"} />
        </Card>
        <section aria-labelledby="keys-heading">
          <h2 id="keys-heading" className="mb-2 text-sm font-semibold text-slate-700">
            Keys beyond the policy ({proposals.length})
          </h2>
          {proposals.length === 0 ? (
            <EmptyState icon={<KeyRound className="size-8" />} title="Every active key is within the policy">
              {snapshot
                ? "Nothing to rotate or remove."
                : "Sync the review first: the list is read from its snapshot."}
            </EmptyState>
          ) : (
            <KeyProposals proposals={proposals} canPropose={canPropose} />
          )}
        </section>
        <section aria-labelledby="mfa-heading">
          <h2 id="mfa-heading" className="mb-2 text-sm font-semibold text-slate-700">
            Console users without MFA ({noMfa.length})
          </h2>
          {noMfa.length === 0 ? (
            <p className="text-sm text-slate-600">Every console user has an MFA device.</p>
          ) : (
            <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
              {noMfa.map((u) => (
                <li
                  key={u.userName}
                  className="flex items-center justify-between px-4 py-2"
                  data-testid="no-mfa"
                  data-user={u.userName}
                >
                  <span>
                    <Link
                      href={`/review/person/${encodeURIComponent(u.userName)}`}
                      className="text-indigo-700 hover:underline"
                    >
                      {u.userName}
                    </Link>{" "}
                    {u.mfaRequired ? (
                      <Badge tone="amber">Required, no device yet</Badge>
                    ) : (
                      <Badge tone="red">No MFA</Badge>
                    )}
                  </span>
                  {canPropose && !u.mfaRequired && <RequireMfaButton userName={u.userName} />}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}

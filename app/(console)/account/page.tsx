import type { Metadata } from "next";
import { pageActor } from "@/lib/auth/page";
import { db } from "@/lib/db";
import { mySessions } from "@/lib/account";
import { MEMBER_ROLE_LABELS } from "@/lib/auth/roles";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { SessionList } from "@/components/account/session-list";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const actor = await pageActor("auditor");
  const [member, sessions] = await Promise.all([
    db().member.findUniqueOrThrow({ where: { id: actor.id }, select: { passwordHash: true } }),
    mySessions(actor),
  ]);
  return (
    <>
      <PageHeader title="Account" description={actor.email} />
      <div className="space-y-6">
        <Card title="Your role">
          <p className="text-sm" data-testid="account-role">
            {MEMBER_ROLE_LABELS[actor.role]}
          </p>
          <p className="mt-1 text-xs text-slate-500">Admins change roles on Settings → Team.</p>
        </Card>
        <Card title="Password">
          {member.passwordHash ? (
            <ChangePasswordForm forced={false} email={actor.email} />
          ) : (
            <p className="text-sm text-slate-600">
              You sign in with SSO; your identity provider manages your password.
            </p>
          )}
        </Card>
        <Card
          title="Sessions"
          description="Where you are signed in to Gatehouse. Changing your password ends every session but this one."
        >
          <SessionList sessions={sessions} />
        </Card>
      </div>
    </>
  );
}

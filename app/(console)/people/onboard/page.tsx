import type { Metadata } from "next";
import { pageActor } from "@/lib/auth/page";
import { db } from "@/lib/db";
import { listJobRoles } from "@/lib/job-roles";
import { listAccounts } from "@/lib/aws-accounts";
import { PageHeader } from "@/components/ui/page-header";
import { OnboardingWizard } from "@/components/onboarding/onboarding-wizard";

export const metadata: Metadata = { title: "Onboard" };

export default async function OnboardPage({
  searchParams,
}: {
  searchParams: Promise<{ employee?: string }>;
}) {
  await pageActor("operator");
  const { employee } = await searchParams;
  const [people, jobRoles, { accounts }] = await Promise.all([
    db().employee.findMany({
      where: { status: "active" },
      orderBy: { name: "asc" },
      select: { id: true, name: true, email: true, jobRole: true, iamUserName: true },
    }),
    listJobRoles(),
    listAccounts(),
  ]);
  return (
    <>
      <PageHeader
        title="Onboard someone"
        description="Pick the person, their job role and the kind of access. You see the exact IAM plan before anything is requested."
      />
      <OnboardingWizard
        people={people}
        jobRoles={jobRoles}
        accounts={accounts.map((a) => ({ id: a.id, name: a.name, home: a.source === "home" }))}
        initialEmployeeId={people.some((p) => p.id === employee) ? employee! : null}
      />
    </>
  );
}

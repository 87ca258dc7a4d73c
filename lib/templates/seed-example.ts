import type { Db } from "@/lib/db";
import { createJobRole } from "@/lib/job-roles";
import { CHANGE_PASSWORD_ARN } from "./aws-managed";
import { EXAMPLE_EMPLOYEES, EXAMPLE_JOB_ROLES, EXAMPLE_TEMPLATES } from "./example-company";

/**
 * Fills an empty Gatehouse database with the example company: people, job roles and policy
 * templates, marked as published to the account the IAM sandbox's example-company seed
 * creates (Gatehouse's own). `jobRoleAccounts` (job role name → account ids) says where a job
 * role's group is besides, as in the sandbox's example-org; a job role not named is in
 * Gatehouse's own account only. Does nothing if anyone or any template is already there.
 */
export async function seedExampleCompany(
  database: Db,
  accountId: string,
  jobRoleAccounts: Readonly<Record<string, readonly string[]>> = {},
): Promise<boolean> {
  if ((await database.employee.count()) > 0 || (await database.policyTemplate.count()) > 0) return false;
  const now = new Date();
  for (const t of EXAMPLE_TEMPLATES) {
    await database.policyTemplate.create({
      data: {
        name: t.name,
        description: t.description,
        policyArn: `arn:aws:iam::${accountId}:policy/${t.name}`,
        versions: {
          create: {
            number: 1,
            parameters: t.parameters,
            document: t.document,
            createdBy: "example company",
            iamVersionId: "v1",
            publishedAt: now,
          },
        },
      },
    });
  }
  for (const r of EXAMPLE_JOB_ROLES) {
    await createJobRole(
      {
        name: r.name,
        groupName: r.groupName,
        description: r.description,
        templates: r.templates,
        managedPolicyArns: r.console ? [CHANGE_PASSWORD_ARN] : [],
        console: r.console,
        programmatic: r.programmatic,
        accounts: jobRoleAccounts[r.name] ?? null,
      },
      database,
    );
  }
  for (const e of EXAMPLE_EMPLOYEES) await database.employee.create({ data: e });
  return true;
}

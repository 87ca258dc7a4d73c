import type { IAMClient } from "@aws-sdk/client-iam";
import { db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { attachedGroupPolicies, getGroup, getPolicy, policyVersions } from "@/lib/iam";
import { jobRolesUsingTemplate } from "@/lib/job-roles";
import { lintPolicyBounded, renderTemplate } from "@/lib/policy";
import type { ParameterDefinition } from "@/lib/policy/template.schema";
import { config } from "../context";
import { defineKind, type PlannedStep } from "../types";
import { appendSteps, documentFor, managedTargets, policyArnIn } from "./accounts";
import { templatePublishInput } from "./template-publish.schema";

/**
 * One account's publication of a document as the policy `name`: CreatePolicy the first time;
 * afterwards CreatePolicyVersion as default, deleting the oldest non-default version first when
 * IAM's five-version limit is reached. dependsOn counts within these steps.
 */
async function publishSteps(
  iam: IAMClient,
  policyArn: string,
  p: { name: string; document: string; description: string | undefined },
): Promise<{ steps: PlannedStep[]; existing: { defaultVersion?: string; versions: string[] } | null }> {
  const policy = await getPolicy(iam, policyArn);
  if (!policy)
    return {
      existing: null,
      steps: [
        {
          op: "CreatePolicy",
          params: { policyName: p.name, policyDocument: p.document, description: p.description },
        },
      ],
    };
  const versions = (await policyVersions(iam, policyArn)).map((v) => ({
    id: v.VersionId!,
    isDefault: Boolean(v.IsDefaultVersion),
    created: v.CreateDate?.getTime() ?? 0,
  }));
  const steps: PlannedStep[] = [];
  if (versions.length >= 5) {
    const oldest = versions
      .filter((v) => !v.isDefault)
      .sort((a, b) => a.created - b.created || Number(a.id.slice(1)) - Number(b.id.slice(1)))[0];
    steps.push({ op: "DeletePolicyVersion", params: { policyArn, versionId: oldest.id } });
  }
  steps.push({
    op: "CreatePolicyVersion",
    params: { policyArn, policyDocument: p.document, setAsDefault: true },
    dependsOn: steps.length ? [1] : [],
  });
  return {
    steps,
    existing: { defaultVersion: policy.DefaultVersionId, versions: versions.map((v) => v.id) },
  };
}

/**
 * Publishes one template version as the customer-managed policy named after the template:
 * CreatePolicy the first time; afterwards CreatePolicyVersion as default, deleting the oldest
 * non-default version first when IAM's five-version limit is reached. The same in every other
 * account where a job role using the template has its group (JobRole.accounts), where a policy
 * made for the first time is also attached to those groups. There, ARNs of the app's own account
 * name that account (documentFor).
 */
export const templatePublish = defineKind({
  label: "Publish template",
  input: templatePublishInput,
  async plan(i, ctx) {
    const template = await db().policyTemplate.findUnique({
      where: { name: i.name },
      include: { versions: { where: { number: i.version } } },
    });
    const version = template?.versions[0];
    if (!template || !version)
      throw new UserError(`Template ${i.name} has no version ${i.version}.`, "INVALID_INPUT", {
        version: ["No such version"],
      });
    const rendered = renderTemplate(version.document, version.parameters as ParameterDefinition[], i.values);
    if (!rendered.ok) {
      const fieldErrors: Record<string, string[]> = {};
      for (const e of rendered.errors)
        (fieldErrors[e.parameter ? `values.${e.parameter}` : "values"] ??= []).push(e.message);
      throw new UserError(
        "Some parameter values are missing or not valid; nothing was requested.",
        "INVALID_INPUT",
        fieldErrors,
      );
    }
    // The values are the requester's, so the rendered document is new text: bounded lint again.
    const lint = await lintPolicyBounded(rendered.document, "managed");
    if (lint.errors.length)
      throw new UserError(`The rendered policy is not valid: ${lint.errors[0].message}`, "INVALID_INPUT", {
        values: lint.errors.map((e) => e.message),
      });
    const document = JSON.stringify(JSON.parse(rendered.document));
    const home = await config().accountId();
    const policyArn = policyArnIn(home, i.name);
    ctx.evidence.policyArn = policyArn;
    ctx.evidence.values = i.values;
    const description = template.description.slice(0, 1000) || undefined;

    const published = await publishSteps(ctx.iam, policyArn, {
      name: i.name,
      document,
      description,
    });
    ctx.evidence.existing = published.existing;
    const steps: PlannedStep[] = [...published.steps];

    // Every other account where a job role using this template has its group: the same version
    // there, each account's steps carrying its id (lib/changes/README.md, "Accounts").
    const groupsIn = new Map<string, string[]>();
    for (const role of await jobRolesUsingTemplate(i.name))
      for (const id of role.accounts ?? [])
        if (id !== home) groupsIn.set(id, [...(groupsIn.get(id) ?? []), role.groupName]);
    if (groupsIn.size === 0) return steps;
    const accounts: Record<string, unknown> = {};
    const managed = await managedTargets([...groupsIn.keys()].sort());
    // An account removed from Gatehouse since the job role was made is left alone, and said so.
    if (managed.gone.length) ctx.evidence.accountsNotManaged = managed.gone;
    for (const account of managed.accounts) {
      const id = account.id!;
      const iam = await ctx.iamIn(id);
      const arn = policyArnIn(id, i.name);
      const there = await publishSteps(iam, arn, {
        name: i.name,
        document: documentFor(document, home, id),
        description,
      });
      const mine = there.steps.map((s) => ({ ...s, accountId: id }));
      // The policy made here for the first time is attached to the job roles' groups here; a
      // group missing from the account (deleted outside Gatehouse) is said in the evidence.
      const missingGroups: string[] = [];
      const create = there.existing ? [] : [1];
      for (const groupName of groupsIn.get(id)!) {
        if (!(await getGroup(iam, groupName))) {
          missingGroups.push(groupName);
          continue;
        }
        if (there.existing && (await attachedGroupPolicies(iam, groupName)).some((p) => p.arn === arn))
          continue;
        mine.push({
          op: "AttachGroupPolicy",
          params: { groupName, policyArn: arn },
          dependsOn: create,
          accountId: id,
        });
      }
      appendSteps(steps, mine);
      accounts[id] = { existing: there.existing, groups: groupsIn.get(id), missingGroups };
    }
    ctx.evidence.accounts = accounts;
    return steps;
  },
  summary: (i) => `Publish ${i.name} version ${i.version}`,
  target: (i) => `policy/${i.name}`,
  async onSucceeded(i, { steps, evidence }) {
    // The version recorded is the app's own account's (the other accounts' steps carry an accountId).
    const created = steps.find(
      (s) => !s.accountId && (s.op === "CreatePolicy" || s.op === "CreatePolicyVersion"),
    );
    const iamVersionId = (created?.result as { versionId?: string } | null)?.versionId ?? null;
    const template = await db().policyTemplate.update({
      where: { name: i.name },
      data: { policyArn: String(evidence.policyArn) },
    });
    await db().policyTemplateVersion.update({
      where: { templateId_number: { templateId: template.id, number: i.version } },
      data: { iamVersionId, publishedAt: new Date() },
    });
  },
});

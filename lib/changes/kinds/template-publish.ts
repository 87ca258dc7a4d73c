import { db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { getPolicy, policyVersions } from "@/lib/iam";
import { lintPolicyBounded, renderTemplate } from "@/lib/policy";
import type { ParameterDefinition } from "@/lib/policy/template.schema";
import { config } from "../context";
import { defineKind, type PlannedStep } from "../types";
import { templatePublishInput } from "./template-publish.schema";

/**
 * Publishes one template version as the customer-managed policy named after the template:
 * CreatePolicy the first time; afterwards CreatePolicyVersion as default, deleting the oldest
 * non-default version first when IAM's five-version limit is reached.
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
    const policyArn = `arn:aws:iam::${await config().accountId()}:policy/${i.name}`;
    ctx.evidence.policyArn = policyArn;
    ctx.evidence.values = i.values;

    const policy = await getPolicy(ctx.iam, policyArn);
    if (!policy) {
      ctx.evidence.existing = null;
      return [
        {
          op: "CreatePolicy",
          params: {
            policyName: i.name,
            policyDocument: document,
            description: template.description.slice(0, 1000) || undefined,
          },
        },
      ];
    }
    const versions = (await policyVersions(ctx.iam, policyArn)).map((v) => ({
      id: v.VersionId!,
      isDefault: Boolean(v.IsDefaultVersion),
      created: v.CreateDate?.getTime() ?? 0,
    }));
    ctx.evidence.existing = { defaultVersion: policy.DefaultVersionId, versions: versions.map((v) => v.id) };
    const steps: PlannedStep[] = [];
    if (versions.length >= 5) {
      const oldest = versions
        .filter((v) => !v.isDefault)
        .sort((a, b) => a.created - b.created || Number(a.id.slice(1)) - Number(b.id.slice(1)))[0];
      steps.push({ op: "DeletePolicyVersion", params: { policyArn, versionId: oldest.id } });
    }
    steps.push({
      op: "CreatePolicyVersion",
      params: { policyArn, policyDocument: document, setAsDefault: true },
      dependsOn: steps.length ? [1] : [],
    });
    return steps;
  },
  summary: (i) => `Publish ${i.name} version ${i.version}`,
  target: (i) => `policy/${i.name}`,
  async onSucceeded(i, { steps, evidence }) {
    const created = steps.find((s) => s.op === "CreatePolicy" || s.op === "CreatePolicyVersion");
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

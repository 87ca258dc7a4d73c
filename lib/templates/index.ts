import "server-only";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit";
import { NotFoundError, UserError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/session";
import type { ParameterDefinition } from "@/lib/policy/template.schema";
import { lintTemplate } from "./lint-template";
import type { TemplateDraft } from "./templates.schema";

export { lintTemplate };
export * from "./shared";

export type TemplateVersionView = {
  number: number;
  parameters: ParameterDefinition[];
  document: string;
  createdBy: string;
  createdAt: string;
  iamVersionId: string | null;
  publishedAt: string | null;
};

export type TemplateView = {
  id: string;
  name: string;
  description: string;
  policyArn: string | null;
  versions: TemplateVersionView[]; // newest first
};

const versionView = (v: {
  number: number;
  parameters: unknown;
  document: string;
  createdBy: string;
  createdAt: Date;
  iamVersionId: string | null;
  publishedAt: Date | null;
}): TemplateVersionView => ({
  number: v.number,
  parameters: v.parameters as ParameterDefinition[],
  document: v.document,
  createdBy: v.createdBy,
  createdAt: v.createdAt.toISOString(),
  iamVersionId: v.iamVersionId,
  publishedAt: v.publishedAt?.toISOString() ?? null,
});

export async function listTemplates(): Promise<TemplateView[]> {
  const rows = await db().policyTemplate.findMany({
    orderBy: { name: "asc" },
    include: { versions: { orderBy: { number: "desc" } } },
  });
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    description: t.description,
    policyArn: t.policyArn,
    versions: t.versions.map(versionView),
  }));
}

/** Templates with a published version, as the customer-managed policies they became (no documents read). */
export async function publishedPolicies(): Promise<{ name: string; arn: string }[]> {
  const rows = await db().policyTemplate.findMany({
    where: { policyArn: { not: null }, versions: { some: { publishedAt: { not: null } } } },
    select: { name: true, policyArn: true },
    orderBy: { name: "asc" },
  });
  return rows.map((t) => ({ name: t.name, arn: t.policyArn! }));
}

export async function getTemplate(name: string): Promise<TemplateView | null> {
  const t = await db().policyTemplate.findUnique({
    where: { name },
    include: { versions: { orderBy: { number: "desc" } } },
  });
  return t
    ? {
        id: t.id,
        name: t.name,
        description: t.description,
        policyArn: t.policyArn,
        versions: t.versions.map(versionView),
      }
    : null;
}

export type SaveResult =
  | { saved: true; name: string; number: number }
  | { saved: false; warnings: { code: string; message: string; path: string }[] };

/**
 * Saves a draft as a new immutable version (creating the template on first save). Lint errors
 * refuse it; warnings refuse it until the author acknowledges them, and the audit records that.
 */
export async function saveTemplateVersion(draft: TemplateDraft, actor: Actor): Promise<SaveResult> {
  const lint = await lintTemplate(draft.document, draft.parameters);
  if (lint.errors.length) {
    throw new UserError("The template has errors; nothing was saved.", "INVALID_INPUT", {
      document: lint.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)),
    });
  }
  if (lint.warnings.length && !draft.acknowledgeWarnings) return { saved: false, warnings: lint.warnings };

  const existing = await db().policyTemplate.findUnique({
    where: { name: draft.name },
    include: { versions: { orderBy: { number: "desc" }, take: 1 } },
  });
  const latest = existing?.versions[0];
  if (
    latest &&
    latest.document === draft.document &&
    JSON.stringify(latest.parameters) === JSON.stringify(draft.parameters) &&
    existing.description === draft.description
  ) {
    throw new UserError("Nothing changed since the latest version.", "CONFLICT");
  }
  const number = (latest?.number ?? 0) + 1;
  const template = existing
    ? await db().policyTemplate.update({
        where: { id: existing.id },
        data: { description: draft.description },
      })
    : await db().policyTemplate.create({ data: { name: draft.name, description: draft.description } });
  await db().policyTemplateVersion.create({
    data: {
      templateId: template.id,
      number,
      parameters: draft.parameters,
      document: draft.document,
      createdBy: actor.email,
    },
  });
  await audit({
    actor: actor.email,
    action: existing ? "template.version_created" : "template.created",
    target: draft.name,
    data: { version: number, size: lint.size, acknowledgedWarnings: lint.warnings.map((w) => w.code) },
  });
  return { saved: true, name: draft.name, number };
}

export async function requireTemplateVersion(name: string, number: number) {
  const t = await db().policyTemplate.findUnique({
    where: { name },
    include: { versions: { where: { number } } },
  });
  if (!t || t.versions.length === 0) throw new NotFoundError(`Template ${name} has no version ${number}.`);
  return { template: t, version: versionView(t.versions[0]) };
}
export {
  REQUIRE_MFA_DOCUMENT,
  requireMfaTemplate,
  latestVersion as requireMfaVersion,
  recordRequireMfaPublished,
} from "./require-mfa";

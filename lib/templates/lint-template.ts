import { lintPolicyBounded, policySize, renderWithExamples, templateParameters } from "@/lib/policy";
import type { ParameterDefinition } from "@/lib/policy/template.schema";
import type { Finding } from "@/lib/policy/types";

export type TemplateLint = {
  errors: Finding[];
  warnings: Finding[];
  size: number | null;
  rendered: string | null;
};

/**
 * Lints a template as it would be published: parameters defined and used, then the document
 * rendered with each parameter's example value, checked like a managed policy: over IAM's
 * quota (measured after substitution) it is refused unparsed, otherwise linted in a worker
 * thread with a time budget (lintPolicyBounded), so no draft can hold up the server.
 */
export async function lintTemplate(
  document: string,
  parameters: readonly ParameterDefinition[],
): Promise<TemplateLint> {
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const used = templateParameters(document);
  const defined = new Set(parameters.map((p) => p.name));
  for (const name of used)
    if (!defined.has(name))
      errors.push({
        code: "parameter-undefined",
        message: `\${${name}} is used but not defined as a parameter.`,
        path: "parameters",
      });
  for (const p of parameters)
    if (!used.includes(p.name))
      warnings.push({
        code: "parameter-unused",
        message: `Parameter ${p.name} is defined but the document never uses it.`,
        path: "parameters",
      });
  const names = parameters.map((p) => p.name);
  for (const dup of names.filter((n, i) => names.indexOf(n) !== i))
    errors.push({
      code: "parameter-duplicate",
      message: `Parameter ${dup} is defined twice.`,
      path: "parameters",
    });
  if (errors.length) return { errors, warnings, size: null, rendered: null };

  const rendered = renderWithExamples(document, parameters);
  if (!rendered.ok) {
    return {
      errors: rendered.errors.map((e) => ({
        code: "parameter-invalid",
        message: e.message,
        path: "parameters",
      })),
      warnings,
      size: null,
      rendered: null,
    };
  }
  const lint = await lintPolicyBounded(rendered.document, "managed");
  return {
    errors: lint.errors,
    warnings: [...warnings, ...lint.warnings],
    size: policySize(rendered.document),
    rendered: rendered.document,
  };
}

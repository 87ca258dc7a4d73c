import { lintPolicy, type LintOptions, type LintResult } from "./lint";
import type { ParameterDefinition } from "./template.schema";
import { renderWithExamples, templateParameters } from "./templates";

/**
 * Lint a policy template before publishing: its parameters must be defined and their examples
 * valid, and the document rendered with the examples must pass lintPolicy. Definitions that
 * the text never uses are reported as warnings.
 */
export function lintTemplate(text: string, definitions: readonly ParameterDefinition[], options: LintOptions): LintResult {
  const used = new Set(templateParameters(text));
  const unused = definitions
    .filter((d) => !used.has(d.name))
    .map((d) => ({ code: "unused-parameter", message: `${d.name} is defined but the template never uses \${${d.name}}.`, path: `parameters.${d.name}` }));
  const rendered = renderWithExamples(text, definitions);
  if (!rendered.ok) {
    const errors = rendered.errors.map((e) => ({
      code: e.parameter === null ? "invalid-template" : "invalid-parameter",
      message: e.message,
      path: e.parameter === null ? "" : `parameters.${e.parameter}`,
    }));
    return { errors, warnings: unused };
  }
  const result = lintPolicy(rendered.document, options);
  return { errors: result.errors, warnings: [...unused, ...result.warnings] };
}

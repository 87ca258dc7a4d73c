import { parameterValueProblem } from "./parameter-values";
import type { ParameterDefinition } from "./template.schema";

/**
 * Template parameters are `${Name}` with a letter first and no colon; IAM's own policy
 * variables (`${aws:username}`, `${s3:prefix}`, `${aws:PrincipalTag/team}`, `${*}`) never
 * match this and are left untouched.
 */
const PARAMETER = /\$\{([A-Za-z][A-Za-z0-9_]*)\}/g;

export interface TemplateError {
  /** The parameter at fault, or null for a problem with the template text itself. */
  parameter: string | null;
  message: string;
}

export type RenderResult = { ok: true; document: string } | { ok: false; errors: TemplateError[] };

/** The parameters a template uses, each once, in order of first use. */
export function templateParameters(text: string): string[] {
  return [...new Set([...text.matchAll(PARAMETER)].map((m) => m[1]))];
}

/** For each `${Name}` occurrence: is it inside a JSON string literal? */
function occurrencesInString(text: string): Map<number, boolean> {
  const inString = new Map<number, boolean>();
  const starts = new Set([...text.matchAll(PARAMETER)].map((m) => m.index ?? 0));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (starts.has(i)) inString.set(i, quoted);
    const ch = text[i];
    if (quoted && ch === "\\") i++;
    else if (ch === '"') quoted = !quoted;
  }
  return inString;
}

/**
 * Fill a template's parameters. Inside a JSON string the value is JSON-escaped; a parameter
 * standing on its own (`"Resource": ${BucketArn}`) becomes a quoted JSON string. Values are
 * checked against their definition's type (no definition: "string").
 */
export function renderTemplate(
  text: string,
  definitions: readonly ParameterDefinition[],
  values: Readonly<Record<string, string | undefined>>,
): RenderResult {
  const used = templateParameters(text);
  const byName = new Map(definitions.map((d) => [d.name, d]));
  const errors: TemplateError[] = [];
  for (const name of used) {
    const value = values[name];
    if (value === undefined || value === "") {
      errors.push({ parameter: name, message: `No value was given for ${name}.` });
      continue;
    }
    const problem = parameterValueProblem(byName.get(name)?.type ?? "string", value);
    if (problem) errors.push({ parameter: name, message: `${name}: ${problem}` });
  }
  for (const name of Object.keys(values)) {
    if (!used.includes(name)) {
      errors.push({ parameter: name, message: `${name} is not a parameter of this template.` });
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const inString = occurrencesInString(text);
  const document = text.replace(PARAMETER, (_whole, name: string, offset: number) => {
    const json = JSON.stringify(values[name] ?? "");
    return inString.get(offset) ? json.slice(1, -1) : json;
  });
  try {
    JSON.parse(document);
  } catch (e) {
    const detail = e instanceof SyntaxError ? ` (${e.message})` : "";
    return {
      ok: false,
      errors: [{ parameter: null, message: `The template is not valid JSON once filled in${detail}.` }],
    };
  }
  return { ok: true, document };
}

/** Render a template with each parameter's example value: what the editor lints before publishing. */
export function renderWithExamples(text: string, definitions: readonly ParameterDefinition[]): RenderResult {
  const used = new Set(templateParameters(text));
  const values: Record<string, string> = {};
  for (const d of definitions) if (used.has(d.name)) values[d.name] = d.example;
  const missing = [...used].filter((name) => !definitions.some((d) => d.name === name));
  if (missing.length > 0) {
    return {
      ok: false,
      errors: missing.map((name) => ({
        parameter: name,
        message: `${name} is used in the template but not defined.`,
      })),
    };
  }
  return renderTemplate(text, definitions, values);
}

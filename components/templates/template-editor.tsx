"use client";

import CodeMirror, { EditorView } from "@uiw/react-codemirror";
import { json } from "@codemirror/lang-json";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { lintTemplateAction, saveTemplateAction } from "@/app/(console)/templates/actions";
import { useServerAction } from "@/components/ui/use-server-action";
import type { ParameterDefinition } from "@/lib/policy/template.schema";
import { PARAMETER_TYPES } from "@/lib/policy/template.schema";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { LintFindings } from "./lint-findings";

// The editable area is named by the label above it (a screen reader says "Policy document") and
// says it is focusable (tabindex: axe does not count contenteditable as keyboard access to the
// scroller around it); long lines wrap rather than scroll sideways on a phone.
const EXTENSIONS = [
  json(),
  EditorView.lineWrapping,
  EditorView.contentAttributes.of({ "aria-labelledby": "document-label", tabindex: "0" }),
];

type Finding = { code: string; message: string; path: string };
type Lint = { errors: Finding[]; warnings: Finding[]; size: number | null };

export function TemplateEditor({
  initial,
  isNew,
}: {
  initial: { name: string; description: string; parameters: ParameterDefinition[]; document: string };
  isNew: boolean;
}) {
  const router = useRouter();
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [parameters, setParameters] = useState<ParameterDefinition[]>(initial.parameters);
  const [document, setDocument] = useState(initial.document);
  const [lint, setLint] = useState<Lint | null>(null);
  const [pendingWarnings, setPendingWarnings] = useState<Finding[] | null>(null);
  const { run, pending: saving, fieldErrors } = useServerAction();

  // Live validation, debounced: the server lints against the full AWS action catalogue.
  useEffect(() => {
    const timer = setTimeout(async () => {
      const res = await lintTemplateAction({ document, parameters });
      if (res.ok) setLint(res.data);
    }, 400);
    return () => clearTimeout(timer);
  }, [document, parameters]);

  function save(acknowledgeWarnings: boolean) {
    run(
      saveTemplateAction,
      { name, description, parameters, document, acknowledgeWarnings },
      {
        onSuccess: (r) => {
          if (!r.saved) return setPendingWarnings(r.warnings);
          toast.success(`${r.name} version ${r.number} saved`);
          router.push(`/templates/${encodeURIComponent(r.name)}`);
        },
      },
    );
  }

  const update = (i: number, patch: Partial<ParameterDefinition>) =>
    setParameters((ps) => ps.map((p, j) => (j === i ? { ...p, ...patch } : p)));

  // One of a parameter's free-text fields.
  const textField = (i: number, key: "name" | "example" | "description", label: string) => (
    <Field label={label}>
      <input
        value={parameters[i][key]}
        onChange={(e) => update(i, { [key]: e.target.value })}
        className="input"
      />
    </Field>
  );

  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-[1fr_24rem]">
      <div className="min-w-0 space-y-4">
        <div className="grid gap-4 md:grid-cols-2">
          <Field label="Name (the managed policy's name)" error={fieldErrors.name}>
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              readOnly={!isNew}
              maxLength={128}
              className="input read-only:bg-slate-50"
            />
          </Field>
          <Field label="Description" error={fieldErrors.description}>
            <input
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              maxLength={1000}
              className="input"
            />
          </Field>
        </div>
        <div>
          <div className="mb-1 text-sm font-medium text-slate-700" id="document-label">
            Policy document
          </div>
          <div
            className="overflow-hidden rounded-md border border-slate-300"
            aria-labelledby="document-label"
          >
            <CodeMirror
              value={document}
              height="28rem"
              extensions={EXTENSIONS}
              onChange={setDocument}
              basicSetup={{ lineNumbers: true, foldGutter: true }}
            />
          </div>
          {fieldErrors.document && (
            <ul role="alert" className="mt-2 space-y-1 text-sm text-red-700">
              {fieldErrors.document.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
        </div>
        <fieldset className="rounded-md border border-slate-200 bg-white p-4">
          <legend className="px-1 text-sm font-medium text-slate-700">
            Parameters — write <code>{"${Name}"}</code> in the document
          </legend>
          <div className="space-y-3">
            {parameters.map((p, i) => (
              <div
                key={i}
                className="grid grid-cols-2 items-end gap-2 md:grid-cols-[10rem_8rem_1fr_1fr_auto]"
              >
                {textField(i, "name", "Name")}
                <Field label="Type">
                  <select
                    value={p.type}
                    onChange={(e) => update(i, { type: e.target.value as ParameterDefinition["type"] })}
                    className="input"
                  >
                    {PARAMETER_TYPES.map((t) => (
                      <option key={t}>{t}</option>
                    ))}
                  </select>
                </Field>
                {textField(i, "example", "Example value")}
                {textField(i, "description", "Description")}
                <Button
                  type="button"
                  variant="ghost"
                  aria-label={`Remove parameter ${p.name}`}
                  onClick={() => setParameters((ps) => ps.filter((_, j) => j !== i))}
                >
                  Remove
                </Button>
              </div>
            ))}
          </div>
          <Button
            type="button"
            variant="secondary"
            className="mt-3"
            onClick={() =>
              setParameters((ps) => [...ps, { name: "", type: "string", example: "", description: "" }])
            }
          >
            Add parameter
          </Button>
        </fieldset>
      </div>
      <aside className="space-y-4">
        <section
          aria-live="polite"
          className="rounded-md border border-slate-200 bg-white p-4"
          data-testid="lint-panel"
        >
          <h2 className="text-sm font-semibold">Checks</h2>
          {!lint ? (
            <p className="mt-2 text-sm text-slate-500">Checking…</p>
          ) : (
            <>
              {lint.size !== null && (
                <p className="mt-1 text-xs text-slate-500">
                  {lint.size.toLocaleString("en-US")} of 6,144 characters (spaces not counted)
                </p>
              )}
              <LintFindings errors={lint.errors} warnings={lint.warnings} />
            </>
          )}
        </section>
        {pendingWarnings && (
          <section
            role="alertdialog"
            aria-label="Acknowledge warnings"
            className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm"
          >
            <p className="font-medium text-amber-900">
              Save despite {pendingWarnings.length} warning{pendingWarnings.length > 1 ? "s" : ""}?
            </p>
            <p className="mt-1 text-amber-900">The audit log records that you acknowledged them.</p>
            <div className="mt-3 flex gap-2">
              <Button variant="danger" disabled={saving} onClick={() => save(true)}>
                Acknowledge and save
              </Button>
              <Button variant="secondary" onClick={() => setPendingWarnings(null)}>
                Keep editing
              </Button>
            </div>
          </section>
        )}
        <Button
          className="w-full"
          disabled={saving || !name || (lint?.errors.length ?? 0) > 0}
          onClick={() => save(false)}
        >
          {saving ? "Saving…" : isNew ? "Save template" : "Save as a new version"}
        </Button>
        <p className="text-xs text-slate-500">
          Saving does not change IAM. Publishing a version is a request that an admin approves.
        </p>
      </aside>
    </div>
  );
}

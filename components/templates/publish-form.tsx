"use client";

import { useState } from "react";
import type { ParameterDefinition } from "@/lib/policy/template.schema";
import { useCreateRequest } from "@/components/requests/use-create-request";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";

export function PublishForm({
  name,
  versions,
  accountId,
}: {
  name: string;
  versions: { number: number; parameters: ParameterDefinition[] }[];
  accountId: string | null;
}) {
  const [number, setNumber] = useState(versions[0].number);
  const parameters = versions.find((v) => v.number === number)?.parameters ?? [];
  const defaults = () =>
    Object.fromEntries(
      parameters.map((p) => [p.name, p.type === "account-id" && accountId ? accountId : p.example]),
    );
  const [values, setValues] = useState<Record<string, string>>(defaults);
  const { request, pending, fieldErrors: errors } = useCreateRequest();
  return (
    <Card
      title="Publish"
      description="Creates or updates the customer-managed policy, through a request an admin approves."
    >
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          request({ kind: "template.publish", input: { name, version: number, values } });
        }}
      >
        <Field label="Version">
          <select
            className="input"
            value={number}
            onChange={(e) => {
              setNumber(Number(e.target.value));
              setValues(defaults());
            }}
          >
            {versions.map((v) => (
              <option key={v.number} value={v.number}>
                v{v.number}
              </option>
            ))}
          </select>
        </Field>
        {parameters.map((p) => (
          <Field key={p.name} label={p.name} hint={p.description} error={errors[`values.${p.name}`]}>
            <input
              className="input"
              value={values[p.name] ?? ""}
              onChange={(e) => setValues((v) => ({ ...v, [p.name]: e.target.value }))}
            />
          </Field>
        ))}
        <Button type="submit" disabled={pending}>
          {pending ? "Planning…" : "Request publishing"}
        </Button>
      </form>
    </Card>
  );
}

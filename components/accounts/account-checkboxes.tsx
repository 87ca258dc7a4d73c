"use client";

/** What a form needs to offer an account: its id, its name, whether it is the app's own. */
export type AccountChoice = { id: string; name: string; home: boolean };

/**
 * AWS accounts as checkboxes, for forms that act in several accounts (a job role's group, an
 * onboarding). Controlled with `value`/`onChange`, or left to the form with `name` and
 * `defaultValue` (FormData then holds one entry per checked account).
 */
export function AccountCheckboxes({
  accounts,
  legend,
  hint,
  error,
  name,
  value,
  defaultValue,
  onChange,
}: {
  accounts: AccountChoice[];
  legend: string;
  hint?: string;
  error?: string[];
  name?: string;
  value?: string[];
  defaultValue?: string[];
  onChange?: (ids: string[]) => void;
}) {
  return (
    <fieldset aria-describedby={error ? "account-checkboxes-error" : undefined}>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      {hint && <p className="text-xs text-slate-500">{hint}</p>}
      <div className="mt-1 grid gap-1 sm:grid-cols-2">
        {accounts.map((a) => (
          <label key={a.id} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name={name}
              value={a.id}
              {...(value
                ? {
                    checked: value.includes(a.id),
                    onChange: (e) =>
                      onChange?.(e.target.checked ? [...value, a.id] : value.filter((id) => id !== a.id)),
                  }
                : { defaultChecked: defaultValue?.includes(a.id) })}
            />
            <span>
              {a.name} <span className="font-mono text-xs text-slate-500">{a.id}</span>
              {/* The home row is usually named "Gatehouse's own account" already. */}
              {a.home && !/own account/i.test(a.name) && (
                <span className="text-xs text-slate-500"> (Gatehouse&apos;s own)</span>
              )}
            </span>
          </label>
        ))}
      </div>
      {error && (
        <p id="account-checkboxes-error" role="alert" className="mt-1 text-xs text-red-600">
          {error.join(" ")}
        </p>
      )}
    </fieldset>
  );
}

import Link from "next/link";
import { LEVELS } from "@/lib/review";
import type { MatrixFilter } from "@/lib/review/review.schema";

/** The matrix filters as a plain GET form: the URL is the state, so a filtered view can be shared. */
export function MatrixFilters({
  filter,
  jobRoles,
  groups,
  services,
}: {
  filter: MatrixFilter;
  jobRoles: string[];
  groups: string[];
  services: { service: string; serviceName: string }[];
}) {
  const check = (name: keyof MatrixFilter, label: string) => (
    <label className="flex items-center gap-1 text-xs font-medium text-slate-600">
      <input type="checkbox" name={name} value="1" defaultChecked={!!filter[name]} /> {label}
    </label>
  );
  return (
    <form
      method="get"
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
      aria-label="Matrix filters"
    >
      <label className="text-xs font-medium text-slate-600">
        Search
        <input
          name="q"
          type="search"
          defaultValue={filter.q ?? ""}
          placeholder="Person or IAM user"
          className="input mt-1 w-52"
        />
      </label>
      <label className="text-xs font-medium text-slate-600">
        Job role
        <select name="jobRole" defaultValue={filter.jobRole ?? ""} className="input mt-1">
          <option value="">Any</option>
          {jobRoles.map((j) => (
            <option key={j}>{j}</option>
          ))}
        </select>
      </label>
      <label className="text-xs font-medium text-slate-600">
        Group
        <select name="group" defaultValue={filter.group ?? ""} className="input mt-1">
          <option value="">Any</option>
          {groups.map((g) => (
            <option key={g}>{g}</option>
          ))}
        </select>
      </label>
      <label className="text-xs font-medium text-slate-600">
        Service
        <select name="service" defaultValue={filter.service ?? ""} className="input mt-1">
          <option value="">Any</option>
          {services.map((s) => (
            <option key={s.service} value={s.service}>
              {s.serviceName}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs font-medium text-slate-600">
        At least
        <select name="minLevel" defaultValue={filter.minLevel ?? ""} className="input mt-1">
          <option value="">Any level</option>
          {LEVELS.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
      </label>
      <label className="text-xs font-medium text-slate-600">
        Access
        <select name="access" defaultValue={filter.access ?? ""} className="input mt-1">
          <option value="">Any</option>
          <option value="console">Console</option>
          <option value="programmatic">Programmatic</option>
          <option value="none">None</option>
        </select>
      </label>
      <div className="flex flex-col gap-1">
        {check("mfaOff", "MFA off (console users)")}
        {check("keyUnused", "Key unused > 90 days")}
      </div>
      <div className="flex flex-col gap-1">
        {check("passwordNeverUsed", "Password never used")}
        {check("drift", "Drift")}
      </div>
      <div className="flex flex-col gap-1">{check("notUnderstood", "Access not understood")}</div>
      <button type="submit" className="rounded-md bg-slate-800 px-3 py-2 text-sm font-medium text-white">
        Apply
      </button>
      <Link href="/review" className="px-2 py-2 text-sm text-slate-600">
        Clear
      </Link>
    </form>
  );
}

import { LEVELS } from "@/lib/review";
import type { MatrixFilter } from "@/lib/review/review.schema";
import { FilterForm, FilterSearch, FilterSelect } from "@/components/ui/filter-form";

/** The matrix filters as a plain GET form: the URL is the state, so a filtered view can be shared. */
export function MatrixFilters({
  filter,
  jobRoles,
  groups,
  services,
  accounts,
}: {
  filter: MatrixFilter;
  jobRoles: string[];
  groups: string[];
  services: { service: string; serviceName: string }[];
  /** In the all-accounts view: the accounts, for the account and OU filters. */
  accounts?: { id: string; name: string; ouPath: string | null }[];
}) {
  // Each OU and every OU above it ("/Workloads/Prod" offers "/Workloads" too).
  const ous = [
    ...new Set(
      (accounts ?? []).flatMap((a) =>
        (a.ouPath ?? "")
          .split("/")
          .filter(Boolean)
          .map((_, i, parts) => `/${parts.slice(0, i + 1).join("/")}`),
      ),
    ),
  ].sort();
  const check = (name: keyof MatrixFilter, label: string) => (
    <label className="flex items-center gap-1 text-xs font-medium text-slate-600">
      <input type="checkbox" name={name} value="1" defaultChecked={!!filter[name]} /> {label}
    </label>
  );
  return (
    <FilterForm
      label="Matrix filters"
      clearHref={filter.account ? `/review?account=${filter.account}` : "/review"}
    >
      {filter.account && <input type="hidden" name="account" value={filter.account} />}
      <FilterSearch value={filter.q} placeholder="Person or IAM user" className="w-52" />
      {accounts && (
        <>
          <FilterSelect
            name="inAccount"
            label="Account"
            value={filter.inAccount}
            any="All"
            options={Object.fromEntries(accounts.map((a) => [a.id, `${a.name} (${a.id})`]))}
          />
          <FilterSelect name="ou" label="OU" value={filter.ou} any="Any" options={ous} />
        </>
      )}
      <FilterSelect name="jobRole" label="Job role" value={filter.jobRole} any="Any" options={jobRoles} />
      <FilterSelect name="group" label="Group" value={filter.group} any="Any" options={groups} />
      <FilterSelect
        name="service"
        label="Service"
        value={filter.service}
        any="Any"
        options={Object.fromEntries(services.map((s) => [s.service, s.serviceName]))}
      />
      <FilterSelect
        name="minLevel"
        label="At least"
        value={filter.minLevel}
        any="Any level"
        options={LEVELS}
      />
      <FilterSelect
        name="access"
        label="Access"
        value={filter.access}
        any="Any"
        options={{ console: "Console", programmatic: "Programmatic", none: "None" }}
      />
      <div className="flex flex-col gap-1">
        {check("mfaOff", "MFA off (console users)")}
        {check("keyUnused", "Key unused > 90 days")}
      </div>
      <div className="flex flex-col gap-1">
        {check("passwordNeverUsed", "Password never used")}
        {check("drift", "Drift")}
      </div>
      <div className="flex flex-col gap-1">{check("notUnderstood", "Access not understood")}</div>
    </FilterForm>
  );
}

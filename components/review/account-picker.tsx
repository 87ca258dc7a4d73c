import { FilterForm, FilterSelect } from "@/components/ui/filter-form";

/** What the picker shows of an account (a small view, never the row). */
export type PickerAccount = {
  id: string;
  name: string;
  home: boolean;
  status: string;
  lastError: string | null;
};

/**
 * Which AWS account the review shows: a plain GET form (the URL is the state, as for the matrix
 * filters). Choosing another account starts from its unfiltered matrix, since groups and
 * services differ between accounts. The selected account's last sync failure is said in words.
 * `selected` "all": every account at once.
 */
export function AccountPicker({ accounts, selected }: { accounts: PickerAccount[]; selected: string }) {
  const current = accounts.find((a) => a.id === selected);
  const options = Object.fromEntries([
    // One matrix of every account's latest snapshot (the picker shows only with two or more).
    ["all", `All accounts (${accounts.length})`],
    ...accounts.map((a) => [
      a.id,
      `${a.name} (${a.id})${a.home ? " · Gatehouse's own" : ""}${a.status === "error" ? " · last sync failed" : ""}`,
    ]),
  ]);
  return (
    <>
      <FilterForm label="Account" submit="Show">
        <FilterSelect name="account" label="AWS account" value={selected} options={options} />
      </FilterForm>
      {current?.status === "error" && current.lastError && (
        <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
          The last sync of {current.name} failed: {current.lastError} The review shows its last good snapshot.
        </p>
      )}
    </>
  );
}

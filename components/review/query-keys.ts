// The one place review query keys are made; never inline string keys.
export const reviewKeys = {
  all: ["review"] as const,
  /** The sync status of one account ("" = the app's own). */
  status: (accountId = "") => [...reviewKeys.all, "status", accountId] as const,
  matrix: (filter: string) => [...reviewKeys.all, "matrix", filter] as const,
};

// The one place review query keys are made; never inline string keys.
export const reviewKeys = {
  all: ["review"] as const,
  status: () => [...reviewKeys.all, "status"] as const,
  matrix: (filter: string) => [...reviewKeys.all, "matrix", filter] as const,
};

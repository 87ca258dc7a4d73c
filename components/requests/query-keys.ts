// The one place request query keys are made; never inline string keys.
export const requestKeys = {
  all: ["requests"] as const,
  detail: (id: string) => [...requestKeys.all, "detail", id] as const,
};

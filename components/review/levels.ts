import type { AccessLevel } from "@/lib/policy";

// Heatmap colours, weakest to strongest; shared by the matrix, the person page and the report.
export const LEVEL_STYLE: Record<AccessLevel, { cell: string; short: string }> = {
  List: { cell: "bg-slate-200 text-slate-800", short: "L" },
  Read: { cell: "bg-sky-200 text-sky-900", short: "R" },
  Tagging: { cell: "bg-amber-200 text-amber-900", short: "T" },
  Write: { cell: "bg-orange-400 text-white", short: "W" },
  "Permissions management": { cell: "bg-red-600 text-white", short: "P" },
};

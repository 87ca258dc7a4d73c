import type { AccessLevel } from "@/lib/policy";

// Heatmap colours, weakest to strongest; shared by the matrix, its legend, the person, service
// and report pages. Each text colour is at least 4.5:1 on its background (WCAG AA, checked by
// axe's color-contrast rule in e2e/review-matrix.spec.ts): dark text on the light levels, white
// only on red-700 (white on orange-400 was 2:1). `heatmap` keeps these exact pairs in dark mode
// (app/globals.css), where the mirrored palette would put dark text on a darkened background.
export const LEVEL_STYLE: Record<AccessLevel, { cell: string; short: string }> = {
  List: { cell: "heatmap bg-slate-200 text-slate-900", short: "L" },
  Read: { cell: "heatmap bg-sky-200 text-sky-950", short: "R" },
  Tagging: { cell: "heatmap bg-amber-200 text-amber-950", short: "T" },
  Write: { cell: "heatmap bg-orange-400 text-orange-950", short: "W" },
  "Permissions management": { cell: "heatmap bg-red-700 text-white", short: "P" },
};

/** Self-service grants (one's own password, MFA, keys): neither a level nor "none". */
export const SELF_SERVICE_STYLE = { cell: "heatmap bg-emerald-100 text-emerald-900", short: "self" };

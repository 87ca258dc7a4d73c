import { LEVELS } from "@/lib/review/shared";
import { ConditionalIcon, ScopedIcon } from "./level-badge";
import { LEVEL_STYLE, SELF_SERVICE_STYLE } from "./levels";

const swatch = "inline-flex h-5 min-w-5 items-center justify-center rounded px-1 text-xs font-semibold";

/** What each colour and marker of the matrix means, in the same styles as its cells. */
export function MatrixLegend() {
  return (
    <ul
      aria-label="Legend"
      data-testid="matrix-legend"
      className="mb-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-700"
    >
      {LEVELS.map((level) => (
        <li key={level} className="flex items-center gap-1" data-level={level}>
          <span aria-hidden className={`${swatch} ${LEVEL_STYLE[level].cell}`}>
            {LEVEL_STYLE[level].short}
          </span>
          {level}
        </li>
      ))}
      <li className="flex items-center gap-1" data-level="self-service">
        <span aria-hidden className={`${swatch} ${SELF_SERVICE_STYLE.cell}`}>
          {SELF_SERVICE_STYLE.short}
        </span>
        Self-service (own password, MFA, keys)
      </li>
      <li className="flex items-center gap-1">
        <ScopedIcon /> Specific resources only
      </li>
      <li className="flex items-center gap-1">
        <ConditionalIcon /> Only under conditions
      </li>
      <li className="flex items-center gap-1">
        <span
          aria-hidden
          className={`${swatch} border border-dashed border-slate-500 bg-slate-100 text-slate-700`}
        >
          ?
        </span>
        Access not understood (a policy Gatehouse cannot evaluate)
      </li>
    </ul>
  );
}

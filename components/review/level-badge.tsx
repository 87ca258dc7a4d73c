import { CircleDashed, Crosshair } from "lucide-react";
import type { AccessLevel } from "@/lib/policy";
import { LEVEL_STYLE, SELF_SERVICE_STYLE } from "./levels";

/**
 * The markers, as icons: the page's fonts have no ⌖ (it rendered as a missing-glyph box), and
 * an svg never depends on a font. Decorative where the text around them says the same.
 */
export function ScopedIcon({ label }: { label?: string }) {
  return label ? (
    <Crosshair className="size-3 shrink-0" role="img" aria-label={label} data-marker="scoped" />
  ) : (
    <Crosshair className="size-3 shrink-0" aria-hidden data-marker="scoped" />
  );
}

export function ConditionalIcon({ label }: { label?: string }) {
  return label ? (
    <CircleDashed className="size-3 shrink-0" role="img" aria-label={label} data-marker="conditional" />
  ) : (
    <CircleDashed className="size-3 shrink-0" aria-hidden data-marker="conditional" />
  );
}

/** A service's level in words, as the person and service pages show it: "Write", "Read + self-service", "Self-service". */
export function LevelBadge({
  level,
  selfService = false,
  scoped = false,
  conditional = false,
}: {
  level: AccessLevel | null;
  selfService?: boolean;
  scoped?: boolean;
  conditional?: boolean;
}) {
  return (
    <span className="inline-flex items-center gap-1">
      {level && (
        <span
          className={`inline-flex items-center gap-1 rounded px-2 py-0.5 text-xs ${LEVEL_STYLE[level].cell}`}
        >
          {level}
          {scoped && <ScopedIcon label="specific resources only" />}
          {conditional && <ConditionalIcon label="only under conditions" />}
        </span>
      )}
      {selfService && (
        <span
          className={`rounded px-2 py-0.5 text-xs ${SELF_SERVICE_STYLE.cell}`}
          title="Only on their own user: password, MFA, access keys"
          data-testid="self-service"
        >
          {level ? "+ self-service" : "Self-service"}
        </span>
      )}
    </span>
  );
}

"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useEffect, useSyncExternalStore } from "react";
import { applyTheme, THEME_KEY, THEMES, type Theme } from "./theme";

const ICONS = { light: Sun, dark: Moon, system: Monitor } as const;
const LABELS = { light: "Light", dark: "Dark", system: "System" } as const;
const CHANGED = "gatehouse-theme-change";

const stored = (): Theme => {
  const t = localStorage.getItem(THEME_KEY);
  return (THEMES as readonly string[]).includes(t ?? "") ? (t as Theme) : "system";
};
// The stored choice as React state: this tab's changes and other tabs' (the storage event).
const subscribe = (changed: () => void) => {
  window.addEventListener(CHANGED, changed);
  window.addEventListener("storage", changed);
  return () => {
    window.removeEventListener(CHANGED, changed);
    window.removeEventListener("storage", changed);
  };
};

/** Light / dark / system, three toggle buttons (one pressed); "system" follows the OS setting live. */
export function ThemeToggle() {
  const theme = useSyncExternalStore(subscribe, stored, () => "system" as Theme);
  useEffect(() => {
    applyTheme(theme);
    if (theme !== "system") return;
    const media = matchMedia("(prefers-color-scheme: dark)");
    const follow = () => applyTheme("system");
    media.addEventListener("change", follow);
    return () => media.removeEventListener("change", follow);
  }, [theme]);

  function choose(t: Theme) {
    localStorage.setItem(THEME_KEY, t);
    window.dispatchEvent(new Event(CHANGED));
  }

  return (
    <div role="group" aria-label="Theme" className="mt-3 flex gap-1">
      {THEMES.map((t) => {
        const Icon = ICONS[t];
        return (
          <button
            key={t}
            type="button"
            aria-pressed={theme === t}
            title={`${LABELS[t]} theme`}
            onClick={() => choose(t)}
            className={`inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs ${
              theme === t ? "bg-slate-700 text-white" : "text-slate-300 hover:bg-slate-800 hover:text-white"
            }`}
          >
            <Icon className="size-3.5" aria-hidden />
            {LABELS[t]}
          </button>
        );
      })}
    </div>
  );
}

// The colour theme: "light", "dark" or "system" (follows prefers-color-scheme), stored in
// localStorage. THEME_SCRIPT runs inline in <head> before first paint (no flash of the wrong
// theme); the toggle (theme-toggle.tsx) applies a change the same way.
export const THEME_KEY = "gatehouse-theme";
export const THEMES = ["light", "dark", "system"] as const;
export type Theme = (typeof THEMES)[number];

/** Sets or clears the `dark` class on <html> for `theme`; the same body as THEME_SCRIPT's. */
export function applyTheme(theme: Theme) {
  const dark = theme === "dark" || (theme === "system" && matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
}

export const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem(${JSON.stringify(THEME_KEY)});var d=t==="dark"||(t!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d)}catch(e){}})()`;

"use client";

import { Menu, X } from "lucide-react";
import { usePathname } from "next/navigation";
import { useState, type ReactNode } from "react";

/**
 * The console's side column: always shown from md up; below md a bar with a Menu button that
 * opens the navigation above the page (and closes it when the page changes).
 */
export function Sidebar({ children }: { children: ReactNode }) {
  // Open on the page where it was opened: following a link closes it.
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  return (
    <aside
      aria-label="Console"
      className="palette-fixed bg-slate-900 px-3 py-2 md:flex md:w-60 md:shrink-0 md:flex-col md:py-4"
    >
      <div className="flex items-center justify-between md:mb-6 md:block">
        <div className="px-3 text-lg font-semibold text-white">Gatehouse</div>
        <button
          type="button"
          aria-expanded={open}
          aria-controls="console-menu"
          onClick={() => setOpenOn(open ? null : pathname)}
          className="inline-flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-slate-200 hover:bg-slate-800 md:hidden"
        >
          {open ? <X className="size-4" aria-hidden /> : <Menu className="size-4" aria-hidden />}
          Menu
        </button>
      </div>
      <div
        id="console-menu"
        className={`${open ? "flex" : "hidden"} flex-1 flex-col justify-between gap-4 pb-2 md:flex md:pb-0`}
      >
        {children}
      </div>
    </aside>
  );
}

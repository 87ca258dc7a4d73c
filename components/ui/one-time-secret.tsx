"use client";

import { useState } from "react";
import { Copy, Download } from "lucide-react";
import { Button } from "./button";

/** Shows a secret once. It lives only in this component's memory; "Done" drops it for good. */
export function OneTimeSecret({
  label,
  value,
  filename,
  onDone,
}: {
  label: string;
  value: string;
  filename: string;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState(false);
  function download() {
    const url = URL.createObjectURL(new Blob([`${label}\n${value}\n`], { type: "text/plain" }));
    const a = Object.assign(document.createElement("a"), { href: url, download: filename });
    a.click();
    URL.revokeObjectURL(url);
  }
  return (
    <div role="region" aria-label={label} className="rounded-md border border-amber-300 bg-amber-50 p-4">
      <p className="text-sm font-medium text-amber-900">{label}</p>
      <p className="mt-1 text-xs text-amber-800">
        Shown once. Gatehouse does not keep it: copy or download it now.
      </p>
      <code
        data-testid="one-time-secret"
        className="mt-2 block break-all rounded bg-white px-3 py-2 font-mono text-sm"
      >
        {value}
      </code>
      <div className="mt-3 flex gap-2">
        <Button
          variant="secondary"
          onClick={() => navigator.clipboard.writeText(value).then(() => setCopied(true))}
        >
          <Copy className="size-4" aria-hidden /> {copied ? "Copied" : "Copy"}
        </Button>
        <Button variant="secondary" onClick={download}>
          <Download className="size-4" aria-hidden /> Download
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}

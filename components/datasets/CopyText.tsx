"use client";

import { useState } from "react";
import { buttonClass } from "@/components/export/ui";

/** A block of text to cite, with a button that copies it. */
export function CopyText({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div>
      <p className="rounded-md border border-stone-200 bg-stone-50 px-3 py-2 font-mono text-sm break-words">{text}</p>
      <button
        type="button"
        className={`${buttonClass} mt-2`}
        onClick={async () => {
          await navigator.clipboard?.writeText(text).catch(() => {});
          setCopied(true);
        }}
      >
        {copied ? "Copied" : label}
      </button>
    </div>
  );
}

"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

export type OneTimeLinkProps = { url: string; heading: string };

/** A set-password link shown once, with a Copy button; the text explains it will not be shown again. */
export function OneTimeLink({ url, heading }: OneTimeLinkProps) {
  const [copied, setCopied] = useState<boolean>();
  return (
    <section aria-label={heading} className="rounded-md border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-950">
      <h2 className="font-semibold">{heading}</h2>
      <p className="mt-1">
        Hand this one-time set-password link to the person. It works once, for 24 hours, and is not shown again.
      </p>
      <div className="mt-3 flex flex-wrap gap-2">
        <label htmlFor="one-time-link" className="sr-only">
          One-time set-password link
        </label>
        <input id="one-time-link" readOnly value={url} onFocus={(e) => e.currentTarget.select()} className="min-w-0 flex-1 rounded-md border border-emerald-300 bg-white px-3 py-2 font-mono text-xs" />
        <Button
          type="button"
          variant="secondary"
          onClick={() => navigator.clipboard.writeText(url).then(() => setCopied(true), () => setCopied(false))}
        >
          Copy link
        </Button>
      </div>
      <p aria-live="polite" className="mt-1 min-h-4 text-xs">
        {copied === true ? "Copied." : copied === false ? "Copy it by hand: the field is selected when you click it." : ""}
      </p>
    </section>
  );
}

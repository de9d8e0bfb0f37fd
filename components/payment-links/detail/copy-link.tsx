"use client";

import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";

export type CopyLinkProps = { url: string };

/** The link in a read-only field with a Copy button; falls back to selecting it when the clipboard is unavailable. */
export function CopyLink({ url }: CopyLinkProps) {
  const input = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const [feedback, setFeedback] = useState<"copied" | "manual">();

  async function copy() {
    clearTimeout(timer.current);
    try {
      await navigator.clipboard.writeText(url);
      setFeedback("copied");
      timer.current = setTimeout(() => setFeedback(undefined), 3_000);
    } catch {
      input.current?.select();
      setFeedback("manual");
    }
  }

  return (
    <div>
      <label htmlFor="payment-link-url" className="block text-sm font-medium text-slate-700">
        Payment link
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input
          ref={input}
          id="payment-link-url"
          type="url"
          readOnly
          value={url}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm"
        />
        <Button type="button" variant="secondary" onClick={copy}>
          Copy link
        </Button>
      </div>
      <p role="status" className="mt-1 min-h-5 text-sm text-emerald-700">
        {feedback === "copied" && "Copied"}
        {feedback === "manual" && <span className="text-slate-700">The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.</span>}
      </p>
    </div>
  );
}

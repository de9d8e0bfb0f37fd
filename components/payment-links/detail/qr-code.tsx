"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

export type QrCodeProps = {
  src: string;
  /** Shown straight away when the agent chose the QR code; otherwise behind a toggle. */
  initiallyShown: boolean;
};

export function QrCode({ src, initiallyShown }: QrCodeProps) {
  const [toggled, setToggled] = useState(false);
  const shown = initiallyShown || toggled;
  return (
    <div>
      {!initiallyShown && (
        <Button type="button" variant="secondary" aria-expanded={shown} aria-controls="payment-link-qr" onClick={() => setToggled(!shown)}>
          {shown ? "Hide QR code" : "Show QR code"}
        </Button>
      )}
      <div id="payment-link-qr" hidden={!shown} className="mt-3">
        {shown && (
          <figure className="inline-block rounded-lg border border-slate-200 bg-white p-4">
            {/* A PNG from the portal's own QR route: next/image optimisation would add nothing. */}
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={src} alt="QR code for the payment link" width={288} height={288} className="h-72 w-72 [image-rendering:pixelated]" />
            <figcaption className="mt-2 text-center text-sm text-slate-600">Let the customer scan this to pay.</figcaption>
          </figure>
        )}
      </div>
    </div>
  );
}

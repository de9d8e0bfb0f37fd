"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useWatch, type Control } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { formatMinor } from "@/lib/domain/money";
import type { DuplicateLinkView } from "@/lib/payment-links/duplicate-view";
import { DUPLICATE_MESSAGES } from "@/lib/payment-links/messages";
import type { PaymentLinkFormInput } from "@/lib/validation";
import type { CheckDuplicateAction } from "@/components/payment-links/action-types";

const DEBOUNCE_MS = 400;

/**
 * Asks the server whether the customer already has an open link, once the agent stops typing the phone
 * or email. A hint only: the server checks again, race-safe, when the form is submitted.
 */
export function useDuplicateCheck(control: Control<PaymentLinkFormInput>, storeId: string, check: CheckDuplicateAction | undefined) {
  const [phone, phoneCountry, email, idempotencyKey] = useWatch({ control, name: ["phone", "phoneCountry", "email", "idempotencyKey"] });
  const [duplicate, setDuplicate] = useState<DuplicateLinkView | null>(null);
  const latest = useRef(0);
  useEffect(() => {
    if (!check) return;
    const request = ++latest.current;
    const timer = setTimeout(() => {
      if (!phone?.trim() && !email?.trim()) {
        setDuplicate(null);
        return;
      }
      // The form's own key: a draft put back after a failed submit is never its own duplicate.
      check({ storeId, phone, phoneCountry, email, idempotencyKey }).then(
        (result) => request === latest.current && setDuplicate(result.ok ? result.data.duplicate : null),
        () => undefined,
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [check, storeId, phone, phoneCountry, email, idempotencyKey]);
  return [duplicate, setDuplicate] as const;
}

export type DuplicateWarningProps = {
  duplicate: DuplicateLinkView;
  sending: boolean;
  error?: string | undefined;
  onSendExisting: () => void;
  onCreateAnyway: () => void;
};

/** "This customer already has an open payment link", with what it is and the two ways on. */
export function DuplicateWarning({ duplicate, sending, error, onSendExisting, onCreateAnyway }: DuplicateWarningProps) {
  return (
    <div role="alert" aria-labelledby="duplicate-heading" className="space-y-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
      <p id="duplicate-heading" className="font-semibold">
        {DUPLICATE_MESSAGES.heading}
      </p>
      <p>
        <Link href={`/sessions/${duplicate.id}`} className="font-mono font-medium underline underline-offset-2">
          {duplicate.merchantReference}
        </Link>
        {" · "}
        {formatMinor(duplicate.amount, duplicate.currency, duplicate.locale)} · {duplicate.statusLabel} · created by {duplicate.createdByName},{" "}
        <LocalTime iso={duplicate.createdAt} locale={duplicate.locale} />
      </p>
      {error && <p className="text-red-800">{error}</p>}
      <div className="flex flex-wrap gap-2">
        <Button type="button" pending={sending} onClick={onSendExisting}>
          {DUPLICATE_MESSAGES.sendExisting}
        </Button>
        <Button type="button" variant="secondary" disabled={sending} onClick={onCreateAnyway}>
          {DUPLICATE_MESSAGES.createAnyway}
        </Button>
      </div>
    </div>
  );
}

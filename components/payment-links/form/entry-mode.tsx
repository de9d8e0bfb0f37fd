"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { Field } from "@/components/ui/field";
import type { EntryMode, PaymentLinkFormInput } from "@/lib/validation";

const OPTIONS: { value: EntryMode; label: string }[] = [
  { value: "lines", label: "Order lines" },
  { value: "amount", label: "Amount only" },
];

const preferenceKey = (userId: string) => `payment-link-entry:${userId}`;

/** The agent's last choice between Order lines and Amount only, remembered per user in this browser. */
export function readEntryPreference(userId: string): EntryMode | undefined {
  try {
    const value = window.localStorage.getItem(preferenceKey(userId));
    return value === "lines" || value === "amount" ? value : undefined;
  } catch {
    return undefined;
  }
}

export function writeEntryPreference(userId: string, entry: EntryMode): void {
  try {
    window.localStorage.setItem(preferenceKey(userId), entry);
  } catch {
    // Storage switched off: the choice is simply not remembered.
  }
}

/** The Order lines / Amount only switch, as two radio buttons (arrow keys move between them). */
export function EntryModeSwitch({ onChange }: { onChange: (entry: EntryMode) => void }) {
  const { register, control } = useFormContext<PaymentLinkFormInput>();
  const entry = useWatch({ control, name: "entry" }) ?? "lines";
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-700">Enter the order as</legend>
      <div className="mt-1 inline-flex rounded-md border border-slate-300 bg-white p-0.5">
        {OPTIONS.map((option) => (
          <label
            key={option.value}
            className={`inline-flex cursor-pointer items-center gap-2 rounded px-3 py-1.5 text-sm font-medium has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500 ${
              entry === option.value ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-50"
            }`}
          >
            <input
              type="radio"
              value={option.value}
              className="h-4 w-4 accent-brand-600 focus:outline-none"
              {...register("entry", { onChange: (event) => onChange(event.target.value as EntryMode) })}
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Amount only: one amount and an optional description; the server makes the order line. */
export function AmountOnlyFields({ currency, taxRate }: { currency: string; taxRate: string }) {
  const { register, formState } = useFormContext<PaymentLinkFormInput>();
  return (
    <div className="grid gap-x-4 sm:grid-cols-[minmax(0,12rem)_minmax(0,1fr)]">
      <Field
        id="amount"
        label={`Amount (${currency})`}
        inputMode="decimal"
        autoComplete="off"
        hint={`Including ${taxRate} % tax.`}
        error={formState.errors.amount?.message}
        {...register("amount")}
      />
      <Field
        id="description"
        label="Description"
        autoComplete="off"
        hint="Optional. What the customer sees on the payment page."
        error={formState.errors.description?.message}
        {...register("description")}
      />
    </div>
  );
}

"use client";

import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { formatMinor } from "@/lib/domain/money";
import { ORDER_LINE_LIMITS } from "@/lib/domain/order-lines";
import type { PaymentLinkFormInput } from "@/lib/validation";
import { useValidation } from "@/components/payment-links/form/lazy-validation";

export type OrderLinesFieldsProps = {
  currency: string;
  locale: string;
  /** The store's standard rate as typed in the form, e.g. "25". */
  defaultTaxRate: string;
};

export function emptyOrderLine(defaultTaxRate: string): PaymentLinkFormInput["lines"][number] {
  return { name: "", quantity: "1", unitPrice: "", taxRatePercent: defaultTaxRate };
}

/** Order lines with Add/Remove and the live total in the store's currency. */
export function OrderLinesFields({ currency, locale, defaultTaxRate }: OrderLinesFieldsProps) {
  const { control, register, setFocus, formState } = useFormContext<PaymentLinkFormInput>();
  const { fields, append, remove } = useFieldArray({ control, name: "lines" });
  const lines = useWatch({ control, name: "lines" });
  const validation = useValidation();
  // Priced through the same line schema as the server, once it has loaded (a moment after the page).
  const totals = validation?.previewOrderTotals(lines ?? [], { currency, locale });
  const linesError = formState.errors.lines?.root?.message ?? formState.errors.lines?.message;

  return (
    <div className="space-y-4">
      {fields.map((field, index) => {
        const errors = formState.errors.lines?.[index];
        const id = (name: string) => `line-${index}-${name}`;
        return (
          <fieldset key={field.id} className="rounded-md border border-slate-200 p-4">
            <legend className="sr-only">Line {index + 1}</legend>
            <div className="flex min-h-8 items-center justify-between">
              <span aria-hidden className="text-sm font-medium text-slate-600">
                Line {index + 1}
              </span>
              {fields.length > 1 && (
                <Button
                  type="button"
                  variant="ghost"
                  className="px-2 py-1"
                  aria-label={`Remove line ${index + 1}`}
                  onClick={() => {
                    remove(index);
                    setFocus(`lines.${Math.max(0, index - 1)}.name`);
                  }}
                >
                  Remove
                </Button>
              )}
            </div>
            <div className="mt-2 grid gap-x-4 sm:grid-cols-[minmax(0,1fr)_7.5rem_9rem_8rem]">
              <Field id={id("name")} label="Item" autoComplete="off" error={errors?.name?.message} {...register(`lines.${index}.name`)} />
              <Field
                id={id("quantity")}
                label="Quantity"
                inputMode="numeric"
                autoComplete="off"
                error={errors?.quantity?.message}
                {...register(`lines.${index}.quantity`)}
              />
              <Field
                id={id("unit-price")}
                label="Unit price"
                inputMode="decimal"
                autoComplete="off"
                error={errors?.unitPrice?.message}
                {...register(`lines.${index}.unitPrice`)}
              />
              <Field
                id={id("tax-rate")}
                label="Tax rate (%)"
                inputMode="decimal"
                autoComplete="off"
                error={errors?.taxRatePercent?.message}
                {...register(`lines.${index}.taxRatePercent`)}
              />
            </div>
          </fieldset>
        );
      })}

      <p id="lines-error" aria-live="polite" className="min-h-4 text-sm text-red-600">
        {linesError}
      </p>

      <div className="flex flex-wrap items-center justify-between gap-4">
        <Button
          type="button"
          variant="secondary"
          disabled={fields.length >= ORDER_LINE_LIMITS.linesMax}
          onClick={() => append(emptyOrderLine(defaultTaxRate))}
        >
          Add line
        </Button>
        <div className="text-right">
          <div className="text-sm text-slate-600">Total incl. tax</div>
          <output aria-label="Order total" className="block text-2xl font-semibold tabular-nums">
            {totals ? formatMinor(totals.orderAmount, currency, locale) : "…"}
          </output>
          <div className="text-xs text-slate-500">
            Tax {totals ? formatMinor(totals.orderTaxAmount, currency, locale) : "…"}
            {totals && totals.incompleteLines.length > 0 && lines && lines.length > 1 && " · lines still being filled in aren't counted"}
          </div>
        </div>
      </div>
    </div>
  );
}

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { showRefusal, type ActionOutcome } from "@/components/ui/action-result";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { SelectField } from "@/components/ui/select-field";
import { PROVIDER_LABELS, PROVIDERS, storeSchema, type StoreInput } from "@/lib/validation/store";

export type StoreFormProps = {
  defaults?: StoreInput;
  submitLabel: string;
  action: (input: StoreInput) => Promise<ActionOutcome<unknown>>;
};

const EMPTY: StoreInput = { name: "", country: "", currency: "", locale: "", timeZone: "", provider: "KUSTOM", taxRatePercent: "" };

/** Add store / Edit store: name, country, currency, locale, time zone, HPP provider, default tax rate. */
export function StoreForm({ defaults = EMPTY, submitLabel, action }: StoreFormProps) {
  const router = useRouter();
  const [message, setMessage] = useState<string>();
  const { register, handleSubmit, setError, formState } = useForm<StoreInput>({ resolver: zodResolver(storeSchema) as never, defaultValues: defaults });
  const errors = formState.errors;

  async function onSubmit(values: StoreInput) {
    setMessage(undefined);
    const result = await action(values);
    if (!result.ok) return setMessage(showRefusal(result, setError));
    router.push("/admin");
  }

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="grid max-w-2xl gap-x-4 sm:grid-cols-2">
      {message && (
        <div className="sm:col-span-2">
          <Alert>{message}</Alert>
        </div>
      )}
      <Field id="name" label="Name" className="sm:col-span-2" error={errors.name?.message} {...register("name")} />
      <Field id="country" label="Country (ISO code)" hint="e.g. SE" error={errors.country?.message} {...register("country")} />
      <Field id="currency" label="Currency (ISO code)" hint="e.g. SEK" error={errors.currency?.message} {...register("currency")} />
      <Field id="locale" label="Locale" hint="e.g. sv-SE" error={errors.locale?.message} {...register("locale")} />
      <Field id="timeZone" label="Time zone" hint="e.g. Europe/Stockholm" error={errors.timeZone?.message} {...register("timeZone")} />
      <SelectField id="provider" label="HPP provider" error={errors.provider?.message} {...register("provider")}>
        {PROVIDERS.map((p) => (
          <option key={p} value={p}>
            {PROVIDER_LABELS[p]}
          </option>
        ))}
      </SelectField>
      <Field id="taxRatePercent" label="Default tax rate (%)" inputMode="decimal" error={errors.taxRatePercent?.message} {...register("taxRatePercent")} />
      <FormActions submitLabel={submitLabel} pending={formState.isSubmitting} cancelHref="/admin" className="sm:col-span-2" />
    </form>
  );
}

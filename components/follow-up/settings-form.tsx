"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { NETWORK_FAILURE_MESSAGE, type ActionResult } from "@/lib/actions/result";
import { storeSettingsSchema, type StoreSettingsInput } from "@/lib/validation/store-settings";
import { applyServerFieldErrors } from "@/components/payment-links/field-errors";

export type StoreSettingsFormProps = {
  storeName: string;
  initial: { unpaidAfterMinutes: number; reminderDelayMinutes: number; remindersDefaultOn: boolean };
  save: (input: unknown) => Promise<ActionResult<{ storeId: string }>>;
};

/** The store's follow-up settings; every saved change is in the audit log. */
export function StoreSettingsForm({ storeName, initial, save }: StoreSettingsFormProps) {
  const [outcome, setOutcome] = useState<{ tone: "success" | "error"; message: string }>();
  const form = useForm<StoreSettingsInput, unknown, StoreSettingsInput>({
    resolver: zodResolver(storeSettingsSchema, undefined, { raw: true }),
    mode: "onTouched",
    defaultValues: { unpaidAfterMinutes: String(initial.unpaidAfterMinutes), reminderDelayMinutes: String(initial.reminderDelayMinutes), remindersDefaultOn: initial.remindersDefaultOn },
  });
  const { register, handleSubmit, formState, setError } = form;

  const onSubmit = handleSubmit(async (values) => {
    setOutcome(undefined);
    try {
      const result = await save(values);
      if (result.ok) setOutcome({ tone: "success", message: `Settings saved for ${storeName}.` });
      else {
        applyServerFieldErrors(result.fieldErrors, setError, () => true);
        setOutcome({ tone: "error", message: result.message });
      }
    } catch {
      setOutcome({ tone: "error", message: NETWORK_FAILURE_MESSAGE });
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      {outcome && <Alert tone={outcome.tone}>{outcome.message}</Alert>}
      <Field
        id="unpaid-after"
        label="Unpaid after (minutes)"
        inputMode="numeric"
        hint="An open link is listed under Unpaid once it is older than this."
        error={formState.errors.unpaidAfterMinutes?.message}
        {...register("unpaidAfterMinutes")}
      />
      <Field
        id="reminder-delay"
        label="Reminder delay (minutes)"
        inputMode="numeric"
        hint="How long after creation the customer is reminded, when the agent asked for a reminder."
        error={formState.errors.reminderDelayMinutes?.message}
        {...register("reminderDelayMinutes")}
      />
      <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
        <input type="checkbox" className="h-4 w-4" {...register("remindersDefaultOn")} />
        Tick “Remind the customer if unpaid” on new payment links
      </label>
      <Button type="submit" pending={formState.isSubmitting}>
        Save settings
      </Button>
    </form>
  );
}

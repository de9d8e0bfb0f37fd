"use client";

import { useEffect } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { Field } from "@/components/ui/field";
import { CHANNELS, channelMeta, type Channel } from "@/lib/domain/channels";
import type { PhoneCountryOption } from "@/lib/validation";
import { loadValidation, useValidation } from "@/components/payment-links/form/lazy-validation";
import { SelectField } from "@/components/ui/select-field";

/** The fields the create form and "Send another way" share; both schemas use these names. */
export type ContactFormValues = {
  channel: Channel;
  phone?: string;
  phoneCountry?: string;
  email?: string;
  accessId?: string;
};

const CONTACT_FIELDS = ["phone", "phoneCountry", "email", "accessId"] as const;

function useContactForm() {
  return useFormContext<ContactFormValues>();
}

export type PhoneFieldsProps = { idPrefix: string; phoneCountries: readonly PhoneCountryOption[] };

/** Phone country + phone, with the number shown back formatted once it is valid. */
export function PhoneFields({ idPrefix, phoneCountries }: PhoneFieldsProps) {
  const { register, control, trigger, getFieldState, formState } = useContactForm();
  const [phone, phoneCountry, channel] = useWatch({ control, name: ["phone", "phoneCountry", "channel"] });
  const error = formState.errors.phone?.message;
  const validation = useValidation();
  const parsed = phone?.trim() && validation ? validation.parsePhone(phone, phoneCountry, { requireMobile: channel === "sms" }) : undefined;
  const formatted = parsed?.ok && !error ? parsed.value.international : undefined;

  // Number types (landline, toll-free…) load after the page: re-check a number already typed once they arrive.
  useEffect(() => {
    let current = true;
    void loadValidation().then((loaded) => loaded.loadPhoneNumberTypes()).then(() => {
      const state = getFieldState("phone");
      if (current && (state.isTouched || state.error)) void trigger("phone");
    });
    return () => {
      current = false;
    };
  }, [getFieldState, trigger]);

  return (
    <div className="grid gap-x-4 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)]">
      <SelectField
        id={`${idPrefix}phone-country`}
        label="Phone country"
        autoComplete="tel-country-code"
        error={formState.errors.phoneCountry?.message}
        {...register("phoneCountry", {
          onChange: () => {
            const state = getFieldState("phone");
            if (state.isTouched || state.error || phone?.trim()) void trigger("phone");
          },
        })}
      >
        {phoneCountries.map((option) => (
          <option key={option.code} value={option.code}>
            {option.name} ({option.callingCode})
          </option>
        ))}
      </SelectField>
      <Field
        id={`${idPrefix}phone`}
        label="Phone"
        type="tel"
        inputMode="tel"
        autoComplete="tel-national"
        aria-required={channel === "sms" || undefined}
        error={error}
        hint={
          formatted && (
            <span className="text-emerald-700">
              <span aria-hidden>✓ </span>
              <span>{formatted}</span>
            </span>
          )
        }
        {...register("phone")}
      />
    </div>
  );
}

export type EmailFieldProps = { idPrefix: string };

/** Email with a one-click "Did you mean …?" for a likely typo in the domain. */
export function EmailField({ idPrefix }: EmailFieldProps) {
  const { register, control, setValue, formState } = useContactForm();
  const [email, channel] = useWatch({ control, name: ["email", "channel"] });
  const error = formState.errors.email?.message;
  // Offered after the agent leaves the field, so it does not flicker while they type.
  const validation = useValidation();
  const suggestion = formState.touchedFields.email && email && validation ? validation.suggestEmail(email) : undefined;

  return (
    <Field
      id={`${idPrefix}email`}
      label="Email"
      type="email"
      inputMode="email"
      autoComplete="email"
      spellCheck={false}
      aria-required={channel === "email" || undefined}
      error={error}
      hint={
        suggestion && (
          <button
            type="button"
            className="rounded text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
            onClick={() => setValue("email", suggestion, { shouldValidate: true, shouldDirty: true, shouldTouch: true })}
          >
            Did you mean {suggestion}?
          </button>
        )
      }
      {...register("email")}
    />
  );
}

export type SendByFieldsetProps = {
  idPrefix: string;
  channels: readonly Channel[];
  /** Why some channels are missing, e.g. the store's provider cannot send SMS. */
  note?: string | null;
};

/** The "Send by" radio group, plus the QR token field when that channel is chosen. */
export function SendByFieldset({ idPrefix, channels, note }: SendByFieldsetProps) {
  const { register, control, trigger, getFieldState, formState } = useContactForm();
  const channel = useWatch({ control, name: "channel" });
  const error = formState.errors.channel?.message;
  const options = CHANNELS.filter((c) => channels.includes(c.value));
  const legendId = `${idPrefix}channel-legend`;
  const describedBy = [note ? `${idPrefix}channel-note` : null, `${idPrefix}channel-error`].filter(Boolean).join(" ");

  const channelField = register("channel", {
    // The chosen channel decides which contact is required: re-check the ones the agent already touched.
    onChange: () => {
      const stale = CONTACT_FIELDS.filter((name) => {
        const state = getFieldState(name);
        return state.isTouched || state.error;
      });
      if (stale.length > 0) void trigger(stale);
    },
  });

  return (
    <div className="space-y-3">
      <fieldset role="radiogroup" aria-labelledby={legendId} aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
        <legend id={legendId} className="text-sm font-medium text-slate-700">
          Send by
        </legend>
        {note && (
          <p id={`${idPrefix}channel-note`} className="mt-1 text-sm text-slate-600">
            {note}
          </p>
        )}
        <div className="mt-2 flex flex-wrap gap-2">
          {options.map((option) => (
            <label
              key={option.value}
              className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm has-checked:border-brand-500 has-checked:bg-brand-50 has-focus-visible:ring-2 has-focus-visible:ring-brand-500"
            >
              <input type="radio" value={option.value} className="accent-brand-600" {...channelField} />
              {option.label}
            </label>
          ))}
        </div>
        <p id={`${idPrefix}channel-error`} aria-live="polite" className="mt-1 min-h-4 text-xs text-red-600">
          {error}
        </p>
      </fieldset>
      {channel && channelMeta(channel).needs === "accessId" && (
        <Field
          id={`${idPrefix}access-id`}
          label="Customer QR token"
          autoComplete="off"
          spellCheck={false}
          aria-required
          error={formState.errors.accessId?.message}
          hint="The code from the QR code in the customer's Klarna app."
          {...register("accessId")}
        />
      )}
    </div>
  );
}

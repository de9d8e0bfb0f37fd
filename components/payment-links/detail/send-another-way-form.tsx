"use client";

import { useMemo, useRef, useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { stillTryingMessage } from "@/lib/payment-links/messages";
import type { Channel } from "@/lib/domain/channels";
import type { PhoneCountryOption, ResendInput } from "@/lib/validation";
import { lazyZodResolver } from "@/components/payment-links/form/lazy-validation";
import type { LinkActionResult, LinkActionsBound } from "@/components/payment-links/action-types";
import { EmailField, PhoneFields, SendByFieldset } from "@/components/payment-links/form/contact-fields";
import { applyServerFieldErrors } from "@/components/payment-links/field-errors";
import { NETWORK_FAILURE_MESSAGE } from "@/lib/actions/result";
import { newIdempotencyKey } from "@/components/payment-links/idempotency";

export type SendAnotherWayFormProps = {
  sendAnotherWay: LinkActionsBound["sendAnotherWay"];
  channels: Channel[];
  initialChannel: Channel;
  defaultPhoneCountry: string;
  phoneCountries: PhoneCountryOption[];
  onSent: (channel: Channel) => Promise<void> | void;
  onCancel: () => void;
};

const FORM_FIELD = /^(phone|phoneCountry|email|accessId|channel)$/;

export function SendAnotherWayForm({
  sendAnotherWay,
  channels,
  initialChannel,
  defaultPhoneCountry,
  phoneCountries,
  onSent,
  onCancel,
}: SendAnotherWayFormProps) {
  const [failure, setFailure] = useState<string[]>();
  const lastIntent = useRef<string>(undefined);
  const resolver = useMemo(() => lazyZodResolver<ResendInput>((validation) => validation.resendFormSchema({ allowedChannels: channels })), [channels]);
  const [defaultValues] = useState<ResendInput>(() => ({
    idempotencyKey: newIdempotencyKey(),
    channel: initialChannel,
    phone: "",
    phoneCountry: defaultPhoneCountry,
    email: "",
    accessId: "",
  }));
  const form = useForm<ResendInput, unknown, ResendInput>({ resolver, mode: "onTouched", defaultValues });
  const { register, handleSubmit, setError, setValue, formState } = form;

  async function submit(values: ResendInput) {
    setFailure(undefined);
    // A key stands for one send: after a failure, a changed channel or contact is a new send, not a retry.
    const intent = JSON.stringify([values.channel, values.phone, values.phoneCountry, values.email, values.accessId]);
    if (lastIntent.current !== undefined && lastIntent.current !== intent) {
      values = { ...values, idempotencyKey: newIdempotencyKey() };
      setValue("idempotencyKey", values.idempotencyKey);
    }
    lastIntent.current = intent;
    let result: LinkActionResult;
    try {
      result = await sendAnotherWay(values);
    } catch {
      setFailure([NETWORK_FAILURE_MESSAGE]);
      return;
    }
    if (result.ok) {
      await onSent(values.channel);
      return;
    }
    if (!result.retryable) {
      setValue("idempotencyKey", newIdempotencyKey());
      lastIntent.current = undefined;
    }
    const details = applyServerFieldErrors(result.fieldErrors, setError, (path) => FORM_FIELD.test(path));
    setFailure(result.retryable ? [stillTryingMessage(result.code)] : [result.message, ...details.filter((detail) => detail !== result.message)]);
  }

  return (
    <FormProvider {...form}>
      <form onSubmit={(event) => handleSubmit(submit)(event)} noValidate aria-labelledby="send-another-way-heading" className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-4">
        <h3 id="send-another-way-heading" className="font-medium">
          Send another way
        </h3>
        {failure && (
          <Alert>
            {failure.map((message) => (
              <p key={message}>{message}</p>
            ))}
          </Alert>
        )}
        <input type="hidden" {...register("idempotencyKey")} />
        <SendByFieldset idPrefix="resend-" channels={channels} />
        <PhoneFields idPrefix="resend-" phoneCountries={phoneCountries} />
        <EmailField idPrefix="resend-" />
        <div className="flex gap-2">
          <Button type="submit" pending={formState.isSubmitting}>
            Send
          </Button>
          <Button type="button" variant="ghost" onClick={onCancel} disabled={formState.isSubmitting}>
            Cancel
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}

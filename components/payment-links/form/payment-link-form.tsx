"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState, useTransition } from "react";
import { FormProvider, useForm, useWatch } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { basisPointsToPercentString } from "@/lib/domain/money";
import type { Channel } from "@/lib/domain/channels";
import type { EntryMode, PaymentLinkFormInput, PhoneCountryOption } from "@/lib/validation";
import { lazyZodResolver } from "@/components/payment-links/form/lazy-validation";
import { AmountOnlyFields, EntryModeSwitch, readEntryPreference, writeEntryPreference } from "@/components/payment-links/form/entry-mode";
import type { CheckDuplicateAction, CreateLinkResult, CreatePaymentLinkAction, LinkActionResult } from "@/components/payment-links/action-types";
import { DuplicateWarning, useDuplicateCheck } from "@/components/payment-links/form/duplicate-warning";
import { EmailField, PhoneFields, SendByFieldset } from "@/components/payment-links/form/contact-fields";
import { applyServerFieldErrors, controlOf } from "@/components/payment-links/field-errors";
import { NETWORK_FAILURE_MESSAGE } from "@/lib/actions/result";
import { START_NEW_LINK_EVENT, clearDraft, readDraft, writeDraft } from "@/components/payment-links/form/form-draft";
import { newIdempotencyKey } from "@/components/payment-links/idempotency";
import { OrderLinesFields, emptyOrderLine } from "@/components/payment-links/form/order-lines-fields";

export type PaymentLinkStore = {
  id: string;
  name: string;
  country: string;
  currency: string;
  locale: string;
  /** Basis points, e.g. 2500 for 25 %. */
  standardTaxRate: number;
  provider: "KUSTOM" | "PAYMENT_PLATFORM";
};

export type PaymentLinkFormProps = {
  store: PaymentLinkStore;
  allowedChannels: Channel[];
  unavailableChannelsNote?: string;
  /** Named in the store's locale; built on the server so the list renders the same on both sides. */
  phoneCountries: PhoneCountryOption[];
  /** createPaymentLinkAction; it re-validates the raw values and re-checks the store. */
  createAction: CreatePaymentLinkAction;
  /** The duplicate-link guard while typing, and Resend for "Send the existing link again". */
  checkDuplicate?: CheckDuplicateAction;
  sendExisting?: (linkId: string, input: { idempotencyKey: string }) => Promise<LinkActionResult>;
  /** Whether "Remind the customer if unpaid" starts ticked (store setting). */
  remindersDefaultOn?: boolean;
  /** The signed-in user, whose Order lines / Amount only choice is remembered. */
  userId: string;
};

type Failure = { message: string; details: string[]; fields: { path: string; message: string; id?: string; label?: string }[]; sessionId?: string; pending?: boolean };

const FORM_FIELD = /^(entry|amount|description|merchantReference|customerName|phone|phoneCountry|email|accessId|channel|lines(\.\d+\.(name|quantity|unitPrice|taxRatePercent))?)$/;

/** The first field of each way of entering the order, where focus lands. */
const FIRST_FIELD = { lines: "lines.0.name", amount: "amount" } as const;

/** Anything the agent typed, beyond what a blank form holds. */
function hasContent(draft: PaymentLinkFormInput): boolean {
  const typed = [draft.merchantReference, draft.customerName, draft.phone, draft.email, draft.accessId, draft.amount, draft.description];
  return (
    typed.some((value) => value?.trim()) ||
    draft.lines.length > 1 ||
    draft.lines.some((line) => line.name.trim() !== "" || line.unitPrice.trim() !== "")
  );
}

function StartOverButton({ onClick }: { onClick: () => void }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className="rounded font-medium underline underline-offset-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
    >
      Start a new payment link
    </button>
  );
}

const FORM_ID = "payment-link-form";
const NETWORK_FAILURE = `${NETWORK_FAILURE_MESSAGE} Everything you typed is still here.`;

export function PaymentLinkForm({
  store,
  allowedChannels,
  unavailableChannelsNote,
  phoneCountries,
  createAction,
  checkDuplicate,
  sendExisting,
  remindersDefaultOn = false,
  userId,
}: PaymentLinkFormProps) {
  const router = useRouter();
  const [failure, setFailure] = useState<Failure>();
  const summaryRef = useRef<HTMLDivElement>(null);
  // A failed create: the summary takes focus and comes into view, wherever the agent was on the form.
  useEffect(() => {
    if (!failure) return;
    summaryRef.current?.focus({ preventScroll: true });
    summaryRef.current?.scrollIntoView({ block: "start", behavior: "smooth" });
  }, [failure]);
  const [navigating, startNavigation] = useTransition();

  const resolver = useMemo(
    // raw: the action gets the values as typed and parses them itself.
    () =>
      lazyZodResolver<PaymentLinkFormInput>((validation) =>
        validation.paymentLinkFormSchema({ currency: store.currency, locale: store.locale, allowedChannels, standardTaxRate: store.standardTaxRate }),
      ),
    [store.currency, store.locale, allowedChannels, store.standardTaxRate],
  );
  const defaultTaxRate = basisPointsToPercentString(store.standardTaxRate);
  const blankValues = useCallback(
    (): PaymentLinkFormInput => ({
      idempotencyKey: newIdempotencyKey(),
      entry: "lines",
      lines: [emptyOrderLine(defaultTaxRate)],
      amount: "",
      description: "",
      merchantReference: "",
      customerName: "",
      phoneCountry: store.country,
      phone: "",
      email: "",
      accessId: "",
      channel: allowedChannels[0] ?? "link",
      remind: remindersDefaultOn,
      allowDuplicate: false,
    }),
    [defaultTaxRate, store.country, allowedChannels, remindersDefaultOn],
  );
  const [defaultValues] = useState<PaymentLinkFormInput>(blankValues);
  // A draft from earlier in this tab was put back: its key may already belong to a link.
  const [restored, setRestored] = useState(false);

  const form = useForm<PaymentLinkFormInput, unknown, PaymentLinkFormInput>({ resolver, mode: "onTouched", defaultValues });
  const { register, handleSubmit, setError, setValue, setFocus, formState, reset, subscribe, getValues, control } = form;
  const [duplicate, setDuplicate] = useDuplicateCheck(control, store.id, checkDuplicate);
  const [sendingExisting, setSendingExisting] = useState(false);
  const [existingError, setExistingError] = useState<string>();
  const existingKey = useRef<string>(undefined);
  const entry: EntryMode = useWatch({ control, name: "entry" }) ?? "lines";

  // The draft and its key survive a reload in this tab until the link is created (or the key is refused):
  // restored after hydration, so the server render stays the same.
  useEffect(() => {
    let current = true;
    const draft = readDraft(store.id);
    const preferred = readEntryPreference(userId);
    if (draft && allowedChannels.includes(draft.channel as Channel)) {
      const typed = hasContent(draft);
      reset(typed || !preferred ? draft : { ...draft, entry: preferred });
      // Said after the restore has rendered, like any other update from sessionStorage.
      if (typed) queueMicrotask(() => current && setRestored(true));
    } else {
      if (preferred) setValue("entry", preferred);
      writeDraft(store.id, getValues());
    }
    // Focus lands on the first field of the order, once the remembered way of entering it is shown.
    requestAnimationFrame(() => current && setFocus(FIRST_FIELD[getValues("entry") ?? "lines"]));
    const unsubscribe = subscribe({ formState: { values: true }, callback: ({ values }) => writeDraft(store.id, values) });
    return () => {
      current = false;
      unsubscribe();
    };
  }, [store.id, allowedChannels, reset, subscribe, getValues, setValue, setFocus, userId]);

  function changeEntry(next: EntryMode) {
    writeEntryPreference(userId, next);
  }

  /** The next customer's order: an empty form with a new key, so it can never reach the previous link. */
  function startOver() {
    const blank = { ...blankValues(), entry: readEntryPreference(userId) ?? "lines" };
    clearDraft(store.id);
    reset(blank);
    writeDraft(store.id, blank);
    setFailure(undefined);
    setRestored(false);
    // The reset re-mounts the order lines: focus the new first one once it is there.
    requestAnimationFrame(() => setFocus(FIRST_FIELD[blank.entry]));
  }

  // The navigation's New payment link while this form is already on screen: start over, like the button.
  const onStartNew = useEffectEvent(() => startOver());
  useEffect(() => {
    window.addEventListener(START_NEW_LINK_EVENT, onStartNew);
    return () => window.removeEventListener(START_NEW_LINK_EVENT, onStartNew);
  }, []);

  const onSubmit = handleSubmit(async (values) => {
    setFailure(undefined);
    let result: CreateLinkResult;
    try {
      result = await createAction({ ...values, storeId: store.id });
    } catch {
      // Not a definite answer: keep the key, so a retry cannot create a second link.
      setFailure({ message: NETWORK_FAILURE, details: [], fields: [] });
      return;
    }
    if (result.ok) {
      const { sessionId, duplicate: existing } = result.data;
      if (existing) {
        setDuplicate(existing);
        return;
      }
      clearDraft(store.id);
      startNavigation(() => router.push(`/sessions/${sessionId}`));
      return;
    }
    if (result.rotateIdempotencyKey) {
      setValue("idempotencyKey", newIdempotencyKey());
      writeDraft(store.id, getValues());
    }
    const fields: Failure["fields"] = [];
    const details = applyServerFieldErrors(result.fieldErrors, setError, (path) => FORM_FIELD.test(path), { focusField: false, placed: fields }).filter(
      (detail) => detail !== result.message,
    );
    setFailure({
      message: result.message,
      details,
      fields: fields.map((field) => ({ ...field, ...controlOf(document.getElementById(FORM_ID) as HTMLFormElement | null, field.path) })),
      ...(result.recordId ? { sessionId: result.recordId } : {}),
      ...(result.retryable ? { pending: true } : {}),
    });
  });

  const pending = formState.isSubmitting || navigating;
  const allowDuplicate = useWatch({ control, name: "allowDuplicate" });

  /** A resend of the customer's open link instead of a second payable link. */
  async function sendExistingAgain() {
    if (!duplicate || !sendExisting) return;
    setSendingExisting(true);
    setExistingError(undefined);
    existingKey.current ??= newIdempotencyKey();
    try {
      const result = await sendExisting(duplicate.id, { idempotencyKey: existingKey.current });
      if (result.ok || !result.retryable) existingKey.current = undefined;
      if (result.ok) {
        clearDraft(store.id);
        startNavigation(() => router.push(`/sessions/${duplicate.id}`));
      } else setExistingError(result.message);
    } catch {
      setExistingError(NETWORK_FAILURE_MESSAGE);
    } finally {
      setSendingExisting(false);
    }
  }

  return (
    <FormProvider {...form}>
      {/* The form checks contacts as they are typed and guards against sending twice in the browser. */}
      <noscript>
        <div className="mb-6">
          <Alert>
            <p className="font-medium">Creating a payment link needs JavaScript.</p>
            <p className="mt-1">Turn JavaScript on for this site, then reload the page. Nothing was sent.</p>
          </Alert>
        </div>
      </noscript>
      {/* POST, not the browser's default GET: without JavaScript, what was typed must not land in a URL. */}
      <form id={FORM_ID} method="post" onSubmit={onSubmit} noValidate className="space-y-8" aria-describedby={failure ? "form-failure" : undefined}>
        {failure && (
          <div id="form-failure" ref={summaryRef} tabIndex={-1} className="scroll-mt-4 rounded-md focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500">
            <Alert>
              <p className="font-medium">{failure.message}</p>
              {failure.details.map((detail) => (
                <p key={detail} className="mt-1">
                  {detail}
                </p>
              ))}
              {failure.fields.length > 0 && (
                <ul className="mt-2 list-disc pl-5">
                  {failure.fields.map((field) => (
                    <li key={field.path}>
                      <a
                        href={`#${field.id ?? ""}`}
                        className="underline underline-offset-2"
                        onClick={(event) => {
                          event.preventDefault();
                          setFocus(field.path as Parameters<typeof setFocus>[0]);
                        }}
                      >
                        {field.label ? `${field.label}: ${field.message}` : field.message}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
              {failure.sessionId && (
                <p className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2">
                  <Link href={`/sessions/${failure.sessionId}`} className="font-medium underline underline-offset-2">
                    {failure.pending ? "See the payment link's page" : "View the payment link"}
                  </Link>
                  <StartOverButton onClick={startOver} />
                </p>
              )}
            </Alert>
          </div>
        )}
        {restored && !failure && (
          <Alert tone="info">
            <p>What you typed earlier in this tab is back. If it was for another customer, start a new payment link.</p>
            <p className="mt-2">
              <StartOverButton onClick={startOver} />
            </p>
          </Alert>
        )}
        <input type="hidden" {...register("idempotencyKey")} />

        <section aria-labelledby="order-heading" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="order-heading" className="text-lg font-semibold">
            Order
          </h2>
          <div className="mt-4 space-y-4">
            <EntryModeSwitch onChange={changeEntry} />
            {entry === "amount" ? (
              <AmountOnlyFields currency={store.currency} taxRate={defaultTaxRate} />
            ) : (
              <OrderLinesFields currency={store.currency} locale={store.locale} defaultTaxRate={defaultTaxRate} />
            )}
            <Field
              id="merchant-reference"
              label="Merchant reference"
              autoComplete="off"
              className="max-w-sm"
              hint="Optional. Left empty, one is generated for you."
              error={formState.errors.merchantReference?.message}
              {...register("merchantReference")}
            />
          </div>
        </section>

        <section aria-labelledby="send-heading" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="send-heading" className="sr-only">
            Sending
          </h2>
          <SendByFieldset idPrefix="" channels={allowedChannels} note={unavailableChannelsNote} />
        </section>

        <section aria-labelledby="customer-heading" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="customer-heading" className="text-lg font-semibold">
            Customer
          </h2>
          <p className="mt-1 text-sm text-slate-600">Only the contact the chosen way of sending needs is required.</p>
          <div className="mt-4">
            <PhoneFields idPrefix="" phoneCountries={phoneCountries} />
          </div>
          <div className="grid gap-x-4 sm:grid-cols-2">
            <EmailField idPrefix="" />
            <Field
              id="customer-name"
              label="Customer name"
              autoComplete="name"
              hint="Optional."
              error={formState.errors.customerName?.message}
              {...register("customerName")}
            />
          </div>
        </section>

        <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
          <input type="checkbox" className="h-4 w-4" {...register("remind")} />
          Remind the customer if unpaid
        </label>


        {duplicate && !allowDuplicate && (
          <DuplicateWarning
            duplicate={duplicate}
            sending={sendingExisting}
            error={existingError}
            onSendExisting={sendExistingAgain}
            onCreateAnyway={() => {
              setValue("allowDuplicate", true);
              void onSubmit();
            }}
          />
        )}

        <div className="flex items-center gap-4">
          <Button type="submit" pending={pending}>
            Create payment link
          </Button>
          {pending && (
            <span role="status" className="text-sm text-slate-600">
              Creating the payment link…
            </span>
          )}
        </div>
      </form>
    </FormProvider>
  );
}

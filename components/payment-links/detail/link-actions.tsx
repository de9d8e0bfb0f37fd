"use client";

import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { NETWORK_FAILURE_MESSAGE } from "@/lib/actions/result";
import { stillTryingMessage } from "@/lib/payment-links/messages";
import type { LinkView } from "@/lib/payment-links/view";
import { channelMeta, type Channel } from "@/lib/domain/channels";
import type { PhoneCountryOption } from "@/lib/validation";
import type { LinkActionResult, LinkActionsBound } from "@/components/payment-links/action-types";
import { newIdempotencyKey } from "@/components/payment-links/idempotency";
import { SendAnotherWayForm } from "@/components/payment-links/detail/send-another-way-form";
import { useRefreshLink } from "@/components/payment-links/hooks/use-link-status";

export type LinkActionsProps = {
  view: LinkView;
  actions: LinkActionsBound;
  defaultPhoneCountry: string;
  phoneCountries: PhoneCountryOption[];
};

type Outcome = { tone: "success" | "error"; message: string };


const SENT_MESSAGES: Record<Channel, string> = {
  sms: "Sent by SMS.",
  email: "Sent by email.",
  token: "Sent to the customer's Klarna app.",
  qr: "The QR code is ready for the customer to scan.",
  link: "The link is ready to copy.",
};

/** The action's sentence plus any field messages, which have no field to sit under here. */
function failureText(result: Extract<LinkActionResult, { ok: false }>): string {
  // Already on the link's page: say where to watch instead of pointing to it.
  if (result.retryable) return stillTryingMessage(result.code);
  const details = Object.values(result.fieldErrors ?? {}).filter((detail) => detail !== result.message);
  return [result.message, ...details].join(" ");
}

/** Resend, Send another way and Disable link, each refreshing the session query when done. */
export function LinkActions({ view, actions, defaultPhoneCountry, phoneCountries }: LinkActionsProps) {
  const refresh = useRefreshLink(view.id);
  const [outcome, setOutcome] = useState<Outcome>();
  const [resending, setResending] = useState(false);
  const [sendingAnotherWay, setSendingAnotherWay] = useState(false);
  const [disabling, setDisabling] = useState(false);
  const [disableError, setDisableError] = useState<string>();
  const dialog = useRef<HTMLDialogElement>(null);
  // Reused only while a resend has had no definite answer, so a retry cannot send twice.
  const resendKey = useRef<string>(undefined);

  const lastChannel = view.lastChannel;
  const anotherWayChannels = view.availableChannels;
  const initialAnotherWay = anotherWayChannels.find((channel) => channel !== lastChannel) ?? anotherWayChannels[0];
  const resendDisabled = !view.canResend || !lastChannel || resending;
  const busy = resending || disabling;
  const resendBlockedId = !view.canResend && view.resendBlockedReason ? "resend-blocked" : undefined;
  // Send another way is blocked only when nothing can be sent at all; the same reason explains both.
  const anotherWayBlockedId = !view.canSendAnotherWay ? resendBlockedId : undefined;
  const disableBlockedId = !view.canDisable && view.disableBlockedReason ? "disable-blocked" : undefined;

  async function resend() {
    if (!lastChannel) return;
    setOutcome(undefined);
    setResending(true);
    resendKey.current ??= newIdempotencyKey();
    try {
      const result = await actions.resend({ idempotencyKey: resendKey.current });
      // Only an unanswered send keeps its key (a retry must not send twice); after a definite refusal the
      // same key would just replay the refusal, so the next click gets a new one and reaches the provider.
      if (result.ok || !result.retryable) resendKey.current = undefined;
      setOutcome(result.ok ? { tone: "success", message: SENT_MESSAGES[lastChannel] } : { tone: "error", message: failureText(result) });
      await refresh();
    } catch {
      setOutcome({ tone: "error", message: NETWORK_FAILURE_MESSAGE });
    } finally {
      setResending(false);
    }
  }

  async function onSentAnotherWay(channel: Channel) {
    setSendingAnotherWay(false);
    setOutcome({ tone: "success", message: SENT_MESSAGES[channel] });
    await refresh();
  }

  function openDisableDialog() {
    setDisableError(undefined);
    setOutcome(undefined);
    dialog.current?.showModal();
  }

  async function disable() {
    setDisabling(true);
    setDisableError(undefined);
    try {
      const result = await actions.disable();
      if (result.ok) {
        dialog.current?.close();
        setSendingAnotherWay(false);
        setOutcome({ tone: "success", message: "The payment link is disabled." });
      } else {
        setDisableError(failureText(result));
      }
      await refresh();
    } catch {
      setDisableError(NETWORK_FAILURE_MESSAGE);
    } finally {
      setDisabling(false);
    }
  }

  return (
    <section aria-labelledby="actions-heading" className="space-y-4">
      <h2 id="actions-heading" className="text-lg font-semibold">
        Actions
      </h2>
      {outcome && <Alert tone={outcome.tone}>{outcome.message}</Alert>}

      <div className="flex flex-wrap items-center gap-2">
        <Button
          type="button"
          variant={view.canResend && lastChannel ? "primary" : "secondary"}
          pending={resending}
          disabled={resendDisabled || busy}
          aria-describedby={view.canResend && lastChannel ? "resend-channel" : resendBlockedId}
          onClick={resend}
        >
          Resend
        </Button>
        <Button
          type="button"
          variant="secondary"
          disabled={!view.canSendAnotherWay || busy || anotherWayChannels.length === 0}
          aria-expanded={sendingAnotherWay}
          aria-controls="send-another-way"
          aria-describedby={anotherWayBlockedId}
          onClick={() => {
            setOutcome(undefined);
            setSendingAnotherWay((open) => !open);
          }}
        >
          Send another way
        </Button>
        {view.canResend && lastChannel && (
          <span id="resend-channel" className="text-sm text-slate-600">
            Resend uses {channelMeta(lastChannel).label}.
          </span>
        )}
        {resendBlockedId && (
          <span id="resend-blocked" className="text-sm text-slate-600">
            {view.resendBlockedReason}
          </span>
        )}
      </div>

      <div id="send-another-way">
        {sendingAnotherWay && view.canSendAnotherWay && initialAnotherWay && (
          <SendAnotherWayForm
            sendAnotherWay={actions.sendAnotherWay}
            channels={anotherWayChannels}
            initialChannel={initialAnotherWay}
            defaultPhoneCountry={defaultPhoneCountry}
            phoneCountries={phoneCountries}
            onSent={onSentAnotherWay}
            onCancel={() => setSendingAnotherWay(false)}
          />
        )}
      </div>

      <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-4">
        {/* Never the loudest control on a live link: the confirmation dialog carries the red button. */}
        <Button
          type="button"
          variant="ghost"
          className="text-red-700"
          disabled={!view.canDisable || busy}
          aria-describedby={disableBlockedId}
          aria-haspopup="dialog"
          onClick={openDisableDialog}
        >
          Disable link
        </Button>
        {disableBlockedId && (
          <span id="disable-blocked" className="text-sm text-slate-600">
            {view.disableBlockedReason}
          </span>
        )}
      </div>

      <dialog
        ref={dialog}
        aria-labelledby="disable-dialog-title"
        aria-describedby="disable-dialog-text"
        onCancel={(event) => {
          if (disabling) event.preventDefault();
        }}
        className="m-auto w-full max-w-md rounded-lg border border-slate-200 p-6 shadow-xl backdrop:bg-slate-900/40"
      >
        <h2 id="disable-dialog-title" className="text-lg font-semibold">
          Disable payment link
        </h2>
        <p id="disable-dialog-text" className="mt-2 text-sm text-slate-700">
          Disable this payment link? The customer will no longer be able to pay with it.
        </p>
        {disableError && (
          <div className="mt-3">
            <Alert>{disableError}</Alert>
          </div>
        )}
        <div className="mt-6 flex justify-end gap-2">
          <Button type="button" variant="secondary" autoFocus disabled={disabling} onClick={() => dialog.current?.close()}>
            Keep link
          </Button>
          <Button type="button" variant="danger" pending={disabling} onClick={disable}>
            Disable
          </Button>
        </div>
      </dialog>
    </section>
  );
}

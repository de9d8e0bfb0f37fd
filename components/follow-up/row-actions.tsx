"use client";

import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SendAnotherWayForm } from "@/components/payment-links/detail/send-another-way-form";
import { newIdempotencyKey } from "@/components/payment-links/idempotency";
import { NETWORK_FAILURE_MESSAGE, type ActionResult } from "@/lib/actions/result";
import { channelLabel, type Channel } from "@/lib/domain/channels";
import type { FollowUpRowView } from "@/lib/payment-links/follow-up/view";
import { DISMISS_REASON_LABELS, stillTryingMessage } from "@/lib/payment-links/messages";
import type { PhoneCountryOption } from "@/lib/validation";
import type { FollowUpActions } from "./action-types";

export type Outcome = { tone: "success" | "error"; message: string; linkId?: string };

type Panel = "another" | "clone" | "dismiss";

export type FollowUpRowActionsProps = {
  row: FollowUpRowView;
  actions: FollowUpActions;
  open: boolean;
  onOpen: (open: boolean) => void;
  onDone: (outcome: Outcome) => void;
  phoneCountries: PhoneCountryOption[];
  defaultPhoneCountry: string;
};

const REASONS = Object.entries(DISMISS_REASON_LABELS) as [keyof typeof DISMISS_REASON_LABELS, string][];

function failureText(result: Extract<ActionResult<unknown>, { ok: false }>): string {
  if (result.retryable && result.code !== "CLONE_DISABLE_FAILED") return stillTryingMessage(result.code);
  const details = Object.values(result.fieldErrors ?? {}).filter((detail) => detail !== result.message);
  return [result.message, ...details].join(" ");
}

/** Resend, Send another way, Clone and send and Dismiss for one worklist row; every click carries its own key. */
export function FollowUpRowActions({ row, actions, open, onOpen, onDone, phoneCountries, defaultPhoneCountry }: FollowUpRowActionsProps) {
  const [panel, setPanel] = useState<Panel>();
  const [busy, setBusy] = useState<"resend" | "clone" | "dismiss">();
  const [error, setError] = useState<string>();
  const [cloneChannel, setCloneChannel] = useState<Channel | undefined>(row.cloneChannels[0]);
  const [reason, setReason] = useState<string>("");
  // Kept only while a click has no definite answer, so its retry cannot act twice.
  const keys = useRef<{ resend?: string; clone?: string }>({});
  const shown = open ? panel : undefined;
  const id = (name: string) => `${name}-${row.id}`;

  function toggle(next: Panel) {
    setError(undefined);
    const closing = shown === next;
    setPanel(closing ? undefined : next);
    onOpen(!closing);
  }

  async function run(kind: "resend" | "clone" | "dismiss", call: () => Promise<ActionResult<{ sessionId: string }>>, success: (id: string) => Outcome) {
    setBusy(kind);
    setError(undefined);
    try {
      const result = await call();
      if (kind !== "dismiss" && (result.ok || !result.retryable)) keys.current[kind] = undefined;
      if (result.ok) onDone(success(result.data.sessionId));
      else setError(failureText(result));
    } catch {
      setError(NETWORK_FAILURE_MESSAGE);
    } finally {
      setBusy(undefined);
    }
  }

  const resend = () =>
    run(
      "resend",
      () => actions.resend(row.id, { idempotencyKey: (keys.current.resend ??= newIdempotencyKey()) }),
      () => ({ tone: "success", message: `${row.merchantReference}: sent again by ${channelLabel(row.lastChannel ?? "link")}.` }),
    );
  const clone = () =>
    run(
      "clone",
      () => actions.cloneAndSend(row.id, { idempotencyKey: (keys.current.clone ??= newIdempotencyKey()), channel: cloneChannel }),
      (linkId) => ({ tone: "success", message: `${row.merchantReference} was re-issued as a new link, sent by ${channelLabel(cloneChannel ?? "link")}.`, linkId }),
    );
  const dismiss = () =>
    run(
      "dismiss",
      () => actions.dismiss(row.id, { reason }),
      () => ({ tone: "success", message: `${row.merchantReference} was dismissed from follow-up.` }),
    );

  return (
    <div className="space-y-3">
      {error && !shown && <Alert>{error}</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" className="px-3 py-1.5" disabled={!row.canSend || !row.lastChannel || !!busy} pending={busy === "resend"} onClick={resend}>
          Resend
        </Button>
        <Button type="button" variant="secondary" className="px-3 py-1.5" disabled={!row.canSend || !!busy} aria-expanded={shown === "another"} onClick={() => toggle("another")}>
          Send another way
        </Button>
        <Button type="button" variant="secondary" className="px-3 py-1.5" disabled={row.cloneChannels.length === 0 || !!busy} aria-expanded={shown === "clone"} aria-controls={id("clone")} onClick={() => toggle("clone")}>
          Clone and send
        </Button>
        <Button type="button" variant="ghost" className="px-3 py-1.5" disabled={!!busy} aria-expanded={shown === "dismiss"} aria-controls={id("dismiss")} onClick={() => toggle("dismiss")}>
          Dismiss
        </Button>
      </div>

      {shown === "another" && (
        <SendAnotherWayForm
          sendAnotherWay={(input) => actions.sendAnotherWay(row.id, input)}
          channels={row.sendChannels}
          initialChannel={row.sendChannels.find((c) => c !== row.lastChannel) ?? row.sendChannels[0]!}
          defaultPhoneCountry={defaultPhoneCountry}
          phoneCountries={phoneCountries}
          onSent={(channel) => onDone({ tone: "success", message: `${row.merchantReference}: sent by ${channelLabel(channel)}.` })}
          onCancel={() => toggle("another")}
        />
      )}

      {shown === "clone" && (
        <form
          id={id("clone")}
          className="flex flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-slate-50 p-4"
          onSubmit={(event) => {
            event.preventDefault();
            void clone();
          }}
        >
          <p className="w-full text-sm text-slate-700">
            A new link with the same order and customer. If this one can still be paid, it is disabled first.
          </p>
          {error && (
            <div className="w-full">
              <Alert>{error}</Alert>
            </div>
          )}
          <label className="text-sm font-medium">
            Send the new link by
            <select
              className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
              value={cloneChannel}
              onChange={(event) => {
                keys.current.clone = undefined;
                setCloneChannel(event.target.value as Channel);
              }}
            >
              {row.cloneChannels.map((channel) => (
                <option key={channel} value={channel}>
                  {channelLabel(channel)}
                </option>
              ))}
            </select>
          </label>
          <Button type="submit" pending={busy === "clone"}>
            Clone and send
          </Button>
        </form>
      )}

      {shown === "dismiss" && (
        <form
          id={id("dismiss")}
          className="flex flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-slate-50 p-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (!reason) setError("Choose a reason.");
            else void dismiss();
          }}
        >
          {error && (
            <div className="w-full">
              <Alert>{error}</Alert>
            </div>
          )}
          <label className="text-sm font-medium">
            Reason
            <select
              className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            >
              <option value="">Choose…</option>
              {REASONS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <Button type="submit" variant="danger" pending={busy === "dismiss"}>
            Dismiss link
          </Button>
        </form>
      )}
    </div>
  );
}

"use client";

import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { NETWORK_FAILURE_MESSAGE } from "@/lib/actions/result";
import type { TimelineEntry } from "@/lib/payment-links/companion";
import type { LinkView } from "@/lib/payment-links/view";
import type { LinkActionsBound } from "@/components/payment-links/action-types";
import { LocalTime } from "@/components/ui/local-time";
import { StatusBadge } from "@/components/payment-links/status-badge";
import { useRefreshLink } from "@/components/payment-links/hooks/use-link-status";

export type CallCompanionProps = {
  view: LinkView;
  confirmPayment: LinkActionsBound["confirmPayment"];
};

const STAGE_TONES: Partial<Record<LinkView["companion"]["stage"], string>> = {
  paid: "border-emerald-400 bg-emerald-50",
  paid_unconfirmed: "border-lime-400 bg-lime-50",
  failed: "border-red-300 bg-red-50",
  opened: "border-sky-300 bg-sky-50",
  id_check: "border-sky-300 bg-sky-50",
};

const DOT = { done: "bg-emerald-600", current: "bg-brand-600 ring-4 ring-brand-200", upcoming: "bg-slate-300", skipped: "bg-slate-200" } as const;

/** "2 min", "45 s": how long ago, for the agent on the phone. */
function since(iso: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The time now, ticking every few seconds once in the browser (null on the server, so hydration matches). */
function useNow(everyMs: number): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, everyMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [everyMs]);
  return now;
}

function Step({ entry, locale }: { entry: TimelineEntry; locale: string }) {
  return (
    <li aria-current={entry.state === "current" ? "step" : undefined} className="flex items-start gap-2 sm:flex-col sm:items-center sm:text-center">
      <span aria-hidden className={`mt-1 h-3 w-3 shrink-0 rounded-full ${DOT[entry.state]}`} />
      <span>
        <span className={entry.state === "current" ? "font-semibold" : entry.state === "upcoming" || entry.state === "skipped" ? "text-slate-500" : ""}>
          {entry.label}
        </span>
        {entry.state === "skipped" && <span className="sr-only"> (not needed)</span>}
        {entry.at && (
          <span className="block text-xs text-slate-500">
            <LocalTime iso={entry.at} locale={locale} />
          </span>
        )}
      </span>
    </li>
  );
}

/** A manager's check of a link the customer says they paid. */
function ConfirmPayment({ confirmPayment, linkId }: { confirmPayment: CallCompanionProps["confirmPayment"]; linkId: string }) {
  const refresh = useRefreshLink(linkId);
  const [pending, setPending] = useState<"paid" | "not_paid" | null>(null);
  const [error, setError] = useState<string>();
  async function decide(verdict: "paid" | "not_paid") {
    setPending(verdict);
    setError(undefined);
    try {
      const result = await confirmPayment(verdict);
      if (!result.ok) setError(result.message);
      await refresh();
    } catch {
      setError(NETWORK_FAILURE_MESSAGE);
    } finally {
      setPending(null);
    }
  }
  return (
    <div className="mt-4 space-y-3 border-t border-lime-200 pt-4">
      <p className="text-sm text-slate-700">
        The customer came back from the payment page as paid, but this provider never confirms payments to the portal. Check the payment with the provider,
        then record what you found.
      </p>
      {error && <Alert>{error}</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button type="button" pending={pending === "paid"} disabled={pending !== null} onClick={() => decide("paid")}>
          Confirmed paid
        </Button>
        <Button type="button" variant="secondary" pending={pending === "not_paid"} disabled={pending !== null} onClick={() => decide("not_paid")}>
          Not paid
        </Button>
      </div>
    </div>
  );
}

/**
 * The call companion: the stage the customer is at in large type, the timeline Sent → Opened → ID check →
 * outcome, and the line to say now.
 */
export function CallCompanion({ view, confirmPayment }: CallCompanionProps) {
  const { companion } = view;
  const now = useNow(5_000);
  return (
    <section aria-labelledby="companion-heading" className={`rounded-lg border-2 p-5 shadow-sm sm:p-6 ${STAGE_TONES[companion.stage] ?? "border-slate-200 bg-white"}`}>
      <h2 id="companion-heading" className="sr-only">
        Call companion
      </h2>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-4xl font-bold tracking-tight" data-testid="companion-stage">
            {companion.stageLabel}
          </p>
          <p className="mt-1 text-sm text-slate-700">
            {companion.paidAt ? (
              <>
                Paid <LocalTime iso={companion.paidAt} locale={view.locale} />
              </>
            ) : companion.sentAt && now !== null ? (
              <>Sent {since(companion.sentAt, now)} ago</>
            ) : null}
          </p>
        </div>
        <StatusBadge status={view.status} label={view.statusLabel} live size="lg" />
      </div>

      <ol aria-label="Payment progress" className="mt-5 grid gap-2 text-sm sm:grid-cols-4">
        {companion.timeline.map((entry) => (
          <Step key={entry.step} entry={entry} locale={view.locale} />
        ))}
      </ol>

      <figure className="mt-5 rounded-md border border-slate-200 bg-white p-4">
        <figcaption className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Say to the customer</figcaption>
        <blockquote aria-live="polite" className="mt-1 text-lg leading-snug">
          {companion.say}
        </blockquote>
      </figure>

      {view.canConfirmPayment && <ConfirmPayment confirmPayment={confirmPayment} linkId={view.id} />}
    </section>
  );
}

"use client";

import { Alert } from "@/components/ui/alert";
import { basisPointsToPercentString, formatMinor } from "@/lib/domain/money";
import { channelLabel } from "@/lib/domain/channels";
import type { LinkEventView, LinkView } from "@/lib/payment-links/view";
import type { PhoneCountryOption } from "@/lib/validation";
import type { LinkActionsBound } from "@/components/payment-links/action-types";
import { CopyLink } from "@/components/payment-links/detail/copy-link";
import { LocalTime } from "@/components/ui/local-time";
import { LinkActions } from "@/components/payment-links/detail/link-actions";
import { QrCode } from "@/components/payment-links/detail/qr-code";
import { CallCompanion } from "@/components/payment-links/detail/call-companion";
import { isLive, useLinkStatus } from "@/components/payment-links/hooks/use-link-status";

export type LinkPanelProps = {
  initial: LinkView;
  /** The session's server actions, bound to its id by the page. */
  actions: LinkActionsBound;
  /** ISO country preselected in "Send another way", e.g. the store's. */
  defaultPhoneCountry: string;
  phoneCountries: PhoneCountryOption[];
};

const SOURCE_LABELS: Record<LinkEventView["source"], string> = {
  PORTAL: "Portal",
  PROVIDER_CALLBACK: "Payment provider",
  PROVIDER_POLL: "Payment provider",
  RECOVERY: "System",
};

const OUTCOME_LABELS = { PENDING: "Sending…", SENT: "Sent", FAILED: "Not sent" } as const;

const card = "rounded-lg border border-slate-200 bg-white p-6 shadow-sm";

/** The session page: link, QR code, live status, actions and history, all from one polled query. */
export function LinkPanel({ initial, actions, defaultPhoneCountry, phoneCountries }: LinkPanelProps) {
  const { data: view, isRefetchError } = useLinkStatus(initial.id, initial);
  const money = (minor: number) => formatMinor(minor, view.currency, view.locale);

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm text-slate-600">Payment link · {view.storeName}</p>
          <h1 className="text-2xl font-semibold break-all">{view.merchantReference}</h1>
          <p className="mt-1 text-3xl font-semibold tabular-nums">{money(view.amount)}</p>
        </div>
        <div className="sm:max-w-xs sm:text-right">
          {isLive(view) && <p className="text-xs text-slate-500">Updates automatically</p>}
          {!view.reportsStatus && !view.isFinal && view.status !== "PAID_UNCONFIRMED" && (
            <p id="status-not-reported" className="text-xs text-slate-600">
              This store&apos;s payment provider doesn&apos;t report payment status to the portal. When the customer comes back from the payment page, it
              shows here; check the payment with the provider.
            </p>
          )}
          {isRefetchError && <p className="mt-1 text-xs text-amber-700">Couldn&apos;t refresh the status just now; retrying.</p>}
        </div>
      </header>

      <CallCompanion view={view} confirmPayment={actions.confirmPayment} />

      {view.lastErrorMessage && <Alert>{view.lastErrorMessage}</Alert>}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-6">
          <section aria-labelledby="link-heading" className={card}>
            <h2 id="link-heading" className="text-lg font-semibold">
              Customer&apos;s link
            </h2>
            {view.redirectUrl ? (
              <div className="mt-4 space-y-4">
                <CopyLink url={view.redirectUrl} />
                {view.isFinal && <p className="text-sm text-slate-600">The customer can no longer pay with this link.</p>}
                {/* A dead link's QR code would only send the customer to an error page. */}
                {view.qrImageUrl && !view.isFinal && <QrCode src={view.qrImageUrl} initiallyShown={view.lastChannel === "qr"} />}
              </div>
            ) : (
              <p className="mt-2 text-sm text-slate-600">There is no payment link for this session.</p>
            )}
          </section>

          <div className={card}>
            <LinkActions view={view} actions={actions} defaultPhoneCountry={defaultPhoneCountry} phoneCountries={phoneCountries} />
          </div>
        </div>

        <div className="space-y-6">
          <section aria-labelledby="details-heading" className={card}>
            <h2 id="details-heading" className="text-lg font-semibold">
              Details
            </h2>
            <dl className="mt-4 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
              <dt className="text-slate-600">Expires</dt>
              <dd>{view.expiresAt ? <LocalTime iso={view.expiresAt} locale={view.locale} /> : "—"}</dd>
              <dt className="text-slate-600">Customer</dt>
              <dd>
                {[view.customerName, view.customerPhoneMasked, view.customerEmailMasked].filter(Boolean).map((part) => (
                  <div key={part}>{part}</div>
                ))}
                {!view.customerName && !view.customerPhoneMasked && !view.customerEmailMasked && "—"}
              </dd>
              <dt className="text-slate-600">Created</dt>
              <dd>
                <LocalTime iso={view.createdAt} locale={view.locale} /> by {view.createdByName}
              </dd>
            </dl>
          </section>

          <section aria-labelledby="order-heading" className={card}>
            <h2 id="order-heading" className="text-lg font-semibold">
              Order
            </h2>
            <table className="mt-4 w-full text-left text-sm">
              <thead className="text-slate-600">
                <tr>
                  <th scope="col" className="py-1 pr-2 font-medium">Item</th>
                  <th scope="col" className="py-1 pr-2 text-right font-medium">Qty</th>
                  <th scope="col" className="py-1 pr-2 text-right font-medium">Tax</th>
                  <th scope="col" className="py-1 text-right font-medium">Total</th>
                </tr>
              </thead>
              <tbody>
                {view.lines.map((line, index) => (
                  <tr key={index} className="border-t border-slate-100 align-top">
                    <td className="py-2 pr-2">
                      {line.name}
                      <div className="text-xs text-slate-500">{money(line.unitPrice)} each</div>
                    </td>
                    <td className="py-2 pr-2 text-right tabular-nums">{line.quantity}</td>
                    <td className="py-2 pr-2 text-right tabular-nums">{basisPointsToPercentString(line.taxRate)} %</td>
                    <td className="py-2 text-right tabular-nums">{money(line.totalAmount)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="border-t border-slate-200 font-semibold">
                  <th scope="row" colSpan={3} className="py-2 pr-2">
                    Total
                  </th>
                  <td className="py-2 text-right tabular-nums">{money(view.amount)}</td>
                </tr>
                <tr className="text-xs text-slate-500">
                  <th scope="row" colSpan={3} className="pr-2 font-normal">
                    of which tax
                  </th>
                  <td className="text-right tabular-nums">{money(view.taxAmount)}</td>
                </tr>
              </tfoot>
            </table>
          </section>
        </div>
      </div>

      <section aria-labelledby="sends-heading" className={card}>
        <h2 id="sends-heading" className="text-lg font-semibold">
          Sent
        </h2>
        {view.distributions.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">The link hasn&apos;t been sent yet.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100 text-sm">
            {view.distributions.map((send) => (
              <li key={send.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                <span>
                  <span className="font-medium">{channelLabel(send.channel)}</span>
                  {send.recipientMasked && <> to {send.recipientMasked}</>}
                  {" · "}
                  <span className={send.outcome === "FAILED" ? "text-red-700" : "text-slate-600"}>{OUTCOME_LABELS[send.outcome]}</span>
                  {send.errorMessage && <span className="block text-red-700">{send.errorMessage}</span>}
                </span>
                <span className="text-slate-500">
                  {send.actorName} · <LocalTime iso={send.createdAt} locale={view.locale} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="history-heading" className={card}>
        <h2 id="history-heading" className="text-lg font-semibold">
          History
        </h2>
        <ol className="mt-3 space-y-2 text-sm">
          {view.events.map((event) => (
            <li key={event.id} className="flex flex-wrap items-baseline justify-between gap-2 border-l-2 border-slate-200 pl-3">
              <span>{event.label}</span>
              <span className="text-slate-500">
                {event.actorName ?? SOURCE_LABELS[event.source]} · <LocalTime iso={event.createdAt} locale={view.locale} />
              </span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

import Link from "next/link";
import { formatMinor } from "@/lib/domain/money";
import { DASHBOARD_PERIODS, type Dashboard } from "@/lib/payment-links/dashboard";
import { historyHref, reasonLabel } from "@/lib/payment-links/history/params";
import { CreatedPaidChart } from "./created-paid-chart";
import { formatConversion, formatDuration } from "./format";

export type DashboardViewProps = { dashboard: Dashboard };

const card = "block rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-500 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500";
const pill = "rounded-full px-3 py-1 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500";
const number = new Intl.NumberFormat("en");

function Figure({ label, value, href, detail }: { label: string; value: string; href: string; detail?: React.ReactNode }) {
  return (
    <Link href={href} prefetch={false} className={card}>
      <div className="text-sm text-slate-600">{label}</div>
      <div className="mt-1 text-2xl font-semibold tabular-nums">{value}</div>
      {detail && <div className="mt-1 text-xs text-slate-500">{detail}</div>}
    </Link>
  );
}

function dashboardHref(period: string, store: string): string {
  const query = new URLSearchParams({ period });
  if (store) query.set("store", store);
  return `/dashboard?${query}`;
}

/**
 * The figures managers ask for, each a link to the list filtered to it (not prefetched: each would be
 * a list query). Server-rendered, no client JS.
 */
export function DashboardView({ dashboard: d }: DashboardViewProps) {
  const { from, to, store } = d.filters;
  const created = historyHref({ from, to, store });
  const paid = historyHref({ status: "COMPLETED", from, to, store });
  const open = historyHref({ status: "open", store });
  const failed = (reason = "") => historyHref({ status: "send-failed", reason, from, to, store });
  return (
    <div className="space-y-6">
      <nav aria-label="Period" className="flex flex-wrap items-center gap-2">
        {DASHBOARD_PERIODS.map((period) => (
          <Link
            key={period.value}
            href={dashboardHref(period.value, store)}
            aria-current={period.value === d.period ? "page" : undefined}
            className={`${pill} ${period.value === d.period ? "bg-brand-600 text-white" : "bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"}`}
          >
            {period.label}
          </Link>
        ))}
        {d.stores.length > 0 && (
          <span className="ml-auto flex flex-wrap items-center gap-2" role="group" aria-label="Store">
            {[{ value: "", label: "All stores" }, ...d.stores].map((option) => (
              <Link
                key={option.value}
                href={dashboardHref(d.period, option.value)}
                aria-current={option.value === store ? "page" : undefined}
                className={`${pill} ${option.value === store ? "bg-slate-800 text-white" : "bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"}`}
              >
                {option.label}
              </Link>
            ))}
          </span>
        )}
      </nav>
      <p className="text-sm text-slate-600">
        Links created {from === to ? `on ${from}` : `from ${from} to ${to}`} ({d.timeZone}).
      </p>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Figure label="Links created" value={number.format(d.created)} href={created} />
        <Figure
          label="Paid"
          value={number.format(d.paid)}
          href={paid}
          detail={d.paidAmounts.length ? d.paidAmounts.map((p) => formatMinor(p.amount, p.currency, d.locale)).join(" · ") : "Nothing paid yet"}
        />
        <Figure label="Conversion" value={formatConversion(d.paid, d.created)} href={paid} detail="Paid ÷ created" />
        <Figure label="Median time to pay" value={formatDuration(d.medianSecondsToPay)} href={paid} />
        <Figure label="Open now" value={number.format(d.openNow)} href={open} />
        <Figure label="Expiring in the next 24 h" value={number.format(d.expiringSoon)} href={historyHref({ status: "expiring", store })} />
        <div className="col-span-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <Link href={failed()} prefetch={false} className="text-sm text-slate-600 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500">
            Sends that failed
          </Link>
          <div className="text-xs text-slate-500">Links with a failed send, by reason</div>
          {d.failedSends.length === 0 ? (
            <div className="mt-1 text-2xl font-semibold">0</div>
          ) : (
            <ul className="mt-1 space-y-0.5 text-sm">
              {d.failedSends.map((f) => (
                <li key={f.reason}>
                  <Link href={failed(f.reason)} prefetch={false} className="flex justify-between gap-3 rounded text-brand-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500">
                    <span>{reasonLabel(f.reason)}</span>
                    <span className="font-medium tabular-nums">{number.format(f.count)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <section aria-labelledby="chart-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="chart-heading" className="text-sm font-medium text-slate-700">Created and paid per day</h2>
        <CreatedPaidChart days={d.days} store={store} />
      </section>
      <section aria-labelledby="agents-heading">
        <h2 id="agents-heading" className="text-lg font-semibold">By agent</h2>
        <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Agent</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Created</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Paid</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Conversion</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Median time to pay</th>
              </tr>
            </thead>
            <tbody>
              {d.agents.length === 0 && (
                <tr>
                  <td colSpan={5} className="px-3 py-4 text-center text-slate-500">No links in this period.</td>
                </tr>
              )}
              {d.agents.map((agent) => (
                <tr key={agent.userId} className="border-t border-slate-100">
                  <td className="px-3 py-2">
                    <Link href={historyHref({ createdBy: agent.userId, from, to, store })} prefetch={false} className="text-brand-700 hover:underline">
                      {agent.name}
                    </Link>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{number.format(agent.created)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{number.format(agent.paid)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatConversion(agent.paid, agent.created)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatDuration(agent.medianSecondsToPay)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

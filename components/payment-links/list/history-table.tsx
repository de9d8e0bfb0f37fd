import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { StatusBadge } from "@/components/payment-links/status-badge";
import { formatMinor } from "@/lib/domain/money";
import type { HistoryRow } from "@/lib/payment-links/history/list";

export type HistoryTableProps = { rows: HistoryRow[]; showStore: boolean };

const th = "px-3 py-2 font-medium";
const td = "px-3 py-2 align-top";
const muted = <span className="text-slate-400">—</span>;

function Customer({ row }: { row: HistoryRow }) {
  if (!row.customerName && !row.customerPhoneMasked && !row.customerEmailMasked) return muted;
  return (
    <>
      {row.customerName && <div>{row.customerName}</div>}
      {row.customerPhoneMasked && <div className="whitespace-nowrap text-slate-600">{row.customerPhoneMasked}</div>}
      {row.customerEmailMasked && <div className="break-words text-slate-600">{row.customerEmailMasked}</div>}
    </>
  );
}

/** A table from the small breakpoint up; one card per link on a phone, so nothing scrolls sideways. */
export function HistoryTable({ rows, showStore }: HistoryTableProps) {
  return (
    <>
      <ul aria-label="Payment links, newest first" className="space-y-3 sm:hidden">
        {rows.map((row) => (
          <li key={row.id} className="relative rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <div className="flex items-start justify-between gap-3">
              <Link href={`/sessions/${row.id}`} prefetch={false} className="font-medium break-all text-brand-700 after:absolute after:inset-0 hover:underline">
                {row.merchantReference}
              </Link>
              <StatusBadge status={row.status} label={row.statusLabel} />
            </div>
            <div className="mt-1 flex items-baseline justify-between gap-3 text-sm">
              <span className="font-medium tabular-nums">{formatMinor(row.amount, row.currency, row.locale)}</span>
              <LocalTime iso={row.createdAt} locale={row.locale} className="text-slate-600" />
            </div>
            <div className="mt-1 text-sm">
              <Customer row={row} />
            </div>
            {showStore && <div className="mt-1 text-xs text-slate-500">{row.storeName}</div>}
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm sm:block">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Payment links, newest first</caption>
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className={th}>Created</th>
              <th scope="col" className={th}>Merchant reference</th>
              {showStore && <th scope="col" className={th}>Store</th>}
              <th scope="col" className={`${th} text-right`}>Amount</th>
              <th scope="col" className={th}>Customer</th>
              <th scope="col" className={th}>Sent by</th>
              <th scope="col" className={th}>Status</th>
              <th scope="col" className={th}>Expires</th>
              <th scope="col" className={th}>Created by</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="relative border-t border-slate-100 hover:bg-slate-50">
                <td className={`${td} whitespace-nowrap text-slate-600`}>
                  <LocalTime iso={row.createdAt} locale={row.locale} />
                </td>
                <td className={td}>
                  {/* The link's ::after covers the row, so the whole row is clickable yet only one tab stop. */}
                  <Link
                    href={`/sessions/${row.id}`}
                    prefetch={false}
                    className="font-medium text-brand-700 after:absolute after:inset-0 hover:underline focus:outline-none focus-visible:underline"
                  >
                    {row.merchantReference}
                  </Link>
                </td>
                {showStore && <td className={td}>{row.storeName}</td>}
                <td className={`${td} text-right whitespace-nowrap tabular-nums`}>{formatMinor(row.amount, row.currency, row.locale)}</td>
                <td className={td}>
                  <Customer row={row} />
                </td>
                <td className={td}>{row.lastChannelLabel ?? muted}</td>
                <td className={td}>
                  <StatusBadge status={row.status} label={row.statusLabel} />
                </td>
                <td className={`${td} whitespace-nowrap text-slate-600`}>{row.expiresAt ? <LocalTime iso={row.expiresAt} locale={row.locale} /> : muted}</td>
                <td className={td}>{row.createdByName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

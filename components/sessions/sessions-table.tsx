import Link from "next/link";
import { formatMinor } from "@/lib/domain/money";
import type { LinkStatus as SessionStatus } from "@/lib/domain/statuses";
import { LocalTime } from "@/components/payment-links/local-time";
import { StatusBadge } from "@/components/payment-links/status-badge";

/** One row of /sessions, contact details already masked on the server. */
export type SessionRow = {
  id: string;
  createdAt: string;
  merchantReference: string;
  amount: number;
  currency: string;
  locale: string;
  customerName: string | null;
  customerPhoneMasked: string | null;
  customerEmailMasked: string | null;
  lastChannelLabel: string | null;
  status: SessionStatus;
  statusLabel: string;
  createdByName: string;
  storeName: string;
};

export type SessionsTableProps = { rows: SessionRow[]; showStore: boolean };

const th = "px-3 py-2 font-medium";
const td = "px-3 py-2 align-top";

export function SessionsTable({ rows, showStore }: SessionsTableProps) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
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
                  className="font-medium text-brand-700 after:absolute after:inset-0 hover:underline focus:outline-none focus-visible:underline"
                >
                  {row.merchantReference}
                </Link>
              </td>
              {showStore && <td className={td}>{row.storeName}</td>}
              <td className={`${td} text-right whitespace-nowrap tabular-nums`}>{formatMinor(row.amount, row.currency, row.locale)}</td>
              <td className={td}>
                {row.customerName && <div>{row.customerName}</div>}
                {row.customerPhoneMasked && <div className="whitespace-nowrap text-slate-600">{row.customerPhoneMasked}</div>}
                {row.customerEmailMasked && <div className="text-slate-600">{row.customerEmailMasked}</div>}
                {!row.customerName && !row.customerPhoneMasked && !row.customerEmailMasked && <span className="text-slate-400">—</span>}
              </td>
              <td className={td}>{row.lastChannelLabel ?? <span className="text-slate-400">—</span>}</td>
              <td className={td}>
                <StatusBadge status={row.status} label={row.statusLabel} />
              </td>
              <td className={td}>{row.createdByName}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

"use client";

import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { StatusBadge } from "@/components/payment-links/status-badge";
import { formatMinor } from "@/lib/domain/money";
import type { HistoryRow } from "@/lib/payment-links/history/list";

export type HistoryTableProps = { rows: HistoryRow[]; showStore: boolean };

const muted = <span className="text-slate-400">—</span>;

function Customer({ row }: { row: HistoryRow }) {
  if (!row.customerName && !row.customerPhoneMasked && !row.customerEmailMasked) return muted;
  return (
    <>
      {row.customerName && <div>{row.customerName}</div>}
      {row.customerPhoneMasked && <div className="phone">{row.customerPhoneMasked}</div>}
      {row.customerEmailMasked && <div className="email">{row.customerEmailMasked}</div>}
    </>
  );
}

/**
 * One table, rendered once: from the small breakpoint up a table; on a phone each row is laid out as
 * a card (reference, status, amount, time, customer), so nothing scrolls sideways. The layout and
 * the cells' shared classes live in globals.css (`.history-table`): a page repeats them 25 times.
 *
 * A client component, so the page sends its rows' data rather than their elements: as a server
 * component each row's 20-odd elements were serialised for the browser, read back for the HTML and
 * embedded in the page again: about 200 µs a row on the server, twice what rendering them from their
 * data costs. The server still renders the HTML, so the list reads the same without JavaScript.
 */
export function HistoryTable({ rows, showStore }: HistoryTableProps) {
  return (
    <div className="history-table-frame">
      <table className="history-table">
        <caption className="sr-only">Payment links, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Created</th>
            <th scope="col">Merchant reference</th>
            {showStore && <th scope="col">Store</th>}
            <th scope="col" className="text-right">
              Amount
            </th>
            <th scope="col">Customer</th>
            <th scope="col">Sent by</th>
            <th scope="col">Status</th>
            <th scope="col">Expires</th>
            <th scope="col">Created by</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td data-cell="created">
                <LocalTime iso={row.createdAt} locale={row.locale} />
              </td>
              <td data-cell="reference">
                {/* The link's ::after covers the row (the card on a phone): all of it is clickable, yet one tab stop. */}
                <Link href={`/sessions/${row.id}`} prefetch={false}>
                  {row.merchantReference}
                </Link>
              </td>
              {showStore && <td data-cell="store">{row.storeName}</td>}
              <td data-cell="amount">{formatMinor(row.amount, row.currency, row.locale)}</td>
              <td data-cell="customer">
                <Customer row={row} />
              </td>
              <td data-cell="channel">{row.lastChannelLabel ?? muted}</td>
              <td data-cell="status">
                <StatusBadge status={row.status} label={row.statusLabel} />
              </td>
              <td data-cell="expires">{row.expiresAt ? <LocalTime iso={row.expiresAt} locale={row.locale} /> : muted}</td>
              <td data-cell="creator">{row.createdByName}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

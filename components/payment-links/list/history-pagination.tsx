import Link from "next/link";
import { historyHref, type Cursor, type HistoryParams } from "@/lib/payment-links/history/params";
import type { Total } from "@/lib/payment-links/history/rows";

export type HistoryPaginationProps = { params: HistoryParams; older: Cursor | null; newer: Cursor | null; total: Total };

const pageLink =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500";

const count = new Intl.NumberFormat("en");

/** "1 payment link", "more than 1,000 payment links", "about 1,000,000 payment links". */
export function totalText(total: Total): string {
  const noun = total.value === 1 && !total.more ? "payment link" : "payment links";
  const prefix = total.more ? "more than " : total.approximate ? "about " : "";
  return `${prefix}${count.format(total.value)} ${noun}`;
}

/** Older / Newer by cursor, keeping the filters; the total as honest as it is cheap. */
export function HistoryPagination({ params, older, newer, total }: HistoryPaginationProps) {
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-slate-600">{totalText(total)}</p>
      <div className="flex gap-2">
        {newer && (
          <Link href={historyHref({ ...params, older: null, newer })} className={pageLink} rel="prev">
            Newer
          </Link>
        )}
        {older && (
          <Link href={historyHref({ ...params, newer: null, older })} className={pageLink} rel="next">
            Older
          </Link>
        )}
      </div>
    </nav>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { HistoryFilters } from "@/components/payment-links/list/history-filters";
import { HistoryPagination } from "@/components/payment-links/list/history-pagination";
import { HistoryTable } from "@/components/payment-links/list/history-table";
import { RefreshWhileOpen } from "@/components/payment-links/list/refresh-while-open";
import { SessionsHeader } from "@/components/payment-links/list/history-header";
import { requirePageActor } from "@/lib/auth/actor";
import { isOpen } from "@/lib/domain/statuses";
import { listHistory } from "@/lib/payment-links/history/list";
import { filterQuery, hasFilters, historyHref, parseHistoryParams } from "@/lib/payment-links/history/params";

export const metadata: Metadata = { title: "Sessions" };

type SessionsPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const link = "text-brand-700 underline underline-offset-2";

export default async function SessionsPage({ searchParams }: SessionsPageProps) {
  const actor = await requirePageActor();
  const params = parseHistoryParams(await searchParams);
  const page = await listHistory(actor, params);
  const paging = params.older !== null || params.newer !== null;
  const exportQuery = filterQuery(params).toString();

  return (
    <div className="space-y-6">
      <SessionsHeader />
      <HistoryFilters params={params} stores={page.options.stores} creators={page.options.creators} timeZone={page.timeZone} />
      <div className="flex justify-end">
        <a
          href={`/api/sessions/export${exportQuery ? `?${exportQuery}` : ""}`}
          download
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
        >
          Export CSV
        </a>
      </div>
      {page.rows.length > 0 ? (
        <HistoryTable rows={page.rows} showStore={actor.role === "ADMIN"} />
      ) : (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">
          {paging ? (
            <>
              There are no more payment links here.{" "}
              <Link href={historyHref({ ...params, older: null, newer: null })} className={link}>
                Go to the newest
              </Link>
            </>
          ) : hasFilters(params) ? (
            "No payment links match these filters."
          ) : (
            <>
              No payment links yet.{" "}
              <Link href="/sessions/new" className={link}>
                Create the first one
              </Link>
            </>
          )}
        </div>
      )}
      <HistoryPagination params={params} older={page.older} newer={page.newer} total={page.total} />
      <RefreshWhileOpen active={page.rows.some((row) => isOpen(row.status) || row.status === "CREATING")} />
    </div>
  );
}

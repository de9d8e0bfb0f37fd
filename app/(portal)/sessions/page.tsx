import type { Metadata } from "next";
import Link from "next/link";
import { parseSessionListParams, sessionListHref } from "@/components/sessions/list-filters";
import { SessionsFilters } from "@/components/sessions/sessions-filters";
import { SessionsHeader } from "@/components/sessions/sessions-header";
import { SessionsTable } from "@/components/sessions/sessions-table";
import { requirePageActor } from "@/lib/auth/actor";
import { listSessions } from "./list-query";

export const metadata: Metadata = { title: "Sessions" };

type SessionsPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const pageLink =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500";

export default async function SessionsPage({ searchParams }: SessionsPageProps) {
  const actor = await requirePageActor();
  const params = parseSessionListParams(await searchParams);
  const { rows, total, pageCount } = await listSessions(actor, params);
  const filtered = params.status !== "all" || params.q !== "";

  return (
    <div className="space-y-6">
      <SessionsHeader />
      <SessionsFilters params={params} />
      {rows.length > 0 ? (
        <SessionsTable rows={rows} showStore={actor.role === "ADMIN"} />
      ) : (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">
          {params.page > pageCount ? (
            <>
              There are no sessions on this page.{" "}
              <Link href={sessionListHref({ ...params, page: 1 })} className="text-brand-700 underline underline-offset-2">
                Go to the first page
              </Link>
            </>
          ) : filtered ? (
            "No payment links match these filters."
          ) : (
            <>
              No payment links yet.{" "}
              <Link href="/sessions/new" className="text-brand-700 underline underline-offset-2">
                Create the first one
              </Link>
            </>
          )}
        </div>
      )}
      {total > 0 && (
        <nav aria-label="Pagination" className="flex items-center justify-between text-sm">
          <p className="text-slate-600">
            {total} {total === 1 ? "payment link" : "payment links"} · page {Math.min(params.page, pageCount)} of {pageCount}
          </p>
          <div className="flex gap-2">
            {params.page > 1 && (
              <Link href={sessionListHref({ ...params, page: Math.min(params.page - 1, pageCount) })} className={pageLink}>
                Previous page
              </Link>
            )}
            {params.page < pageCount && (
              <Link href={sessionListHref({ ...params, page: params.page + 1 })} className={pageLink}>
                Next page
              </Link>
            )}
          </div>
        </nav>
      )}
    </div>
  );
}

import { SessionsHeader } from "@/components/payment-links/list/history-header";

export default function SessionsLoading() {
  return (
    <div className="space-y-6" aria-busy="true">
      <SessionsHeader />
      <span className="sr-only" role="status">
        Loading sessions…
      </span>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-hidden>
        <div className="col-span-2 h-[3.75rem] animate-pulse rounded-md bg-slate-200/70 sm:col-span-3 lg:col-span-6" />
        {Array.from({ length: 4 }, (_, index) => (
          <div key={index} className="h-[3.75rem] animate-pulse rounded-md bg-slate-200/70" />
        ))}
      </div>
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm" aria-hidden>
        <div className="h-9 bg-slate-50" />
        {Array.from({ length: 8 }, (_, index) => (
          <div key={index} className="flex gap-4 border-t border-slate-100 px-3 py-3">
            <div className="h-4 w-28 animate-pulse rounded bg-slate-200" />
            <div className="h-4 w-40 animate-pulse rounded bg-slate-200" />
            <div className="h-4 w-20 animate-pulse rounded bg-slate-200" />
            <div className="h-4 flex-1 animate-pulse rounded bg-slate-200" />
            <div className="h-4 w-16 animate-pulse rounded-full bg-slate-200" />
          </div>
        ))}
      </div>
    </div>
  );
}

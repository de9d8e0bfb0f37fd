export default function SessionLoading() {
  return (
    <div className="space-y-6" aria-busy="true">
      <span className="sr-only" role="status">
        Loading the payment link…
      </span>
      <div className="flex items-start justify-between">
        <div className="space-y-2">
          <div className="h-4 w-40 animate-pulse rounded bg-slate-200" />
          <div className="h-7 w-64 animate-pulse rounded bg-slate-200" />
          <div className="h-9 w-36 animate-pulse rounded bg-slate-200" />
        </div>
        <div className="h-7 w-24 animate-pulse rounded-full bg-slate-200" />
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="h-64 animate-pulse rounded-lg bg-slate-200/70" />
        <div className="h-64 animate-pulse rounded-lg bg-slate-200/70" />
      </div>
    </div>
  );
}

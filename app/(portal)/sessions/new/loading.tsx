export default function NewSessionLoading() {
  return (
    <div className="mx-auto max-w-4xl" aria-busy="true">
      <h1 className="text-2xl font-semibold">New payment link</h1>
      <span className="sr-only" role="status">
        Loading the form…
      </span>
      <div className="mt-6 space-y-8">
        <div className="h-72 animate-pulse rounded-lg bg-slate-200/70" />
        <div className="h-48 animate-pulse rounded-lg bg-slate-200/70" />
      </div>
    </div>
  );
}

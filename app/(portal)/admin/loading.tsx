export default function AdminLoading() {
  return (
    <div className="space-y-6" aria-busy="true">
      <h1 className="text-2xl font-semibold">Admin</h1>
      <div className="h-40 animate-pulse rounded-lg bg-slate-100" />
    </div>
  );
}
